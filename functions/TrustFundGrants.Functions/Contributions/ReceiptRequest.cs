using System.Globalization;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// Money received against a pledge. In the pledge's currency; where that is not the fund's, with the rate
/// used (one unit of the pledge's currency in the fund's) and optionally the fund-currency amount credited,
/// which must be the exact conversion. A receipt that takes the total above the pledge says so explicitly.
/// </summary>
public sealed record ReceiptRequest(
    AmountJson Amount,
    string ValueDate,
    string? ExchangeRate = null,
    AmountJson? FundAmount = null,
    bool ExceedsPledge = false,
    string? Reference = null)
{
    public (Money Amount, Money FundAmount, string Rate)? Validate(PledgeEntity pledge, DateOnly today, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(pledge);
        ArgumentNullException.ThrowIfNull(errors);
        var pledgeCurrency = CurrencyCode.Parse(pledge.Currency);
        var fundCurrency = CurrencyCode.Parse(pledge.FundCurrency);
        var amount = ContributionAmounts.Read(Amount, "amount", errors);
        if (amount is { } a && a.Currency != pledgeCurrency)
        {
            errors["amount.currency"] = [$"This pledge is in {pledgeCurrency}; record receipts in {pledgeCurrency}."];
            amount = null;
        }

        if (!DateOnly.TryParseExact(ValueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var valueDate))
        {
            errors["valueDate"] = ["Give the value date as yyyy-MM-dd."];
        }
        else if (valueDate > today)
        {
            errors["valueDate"] = ["The value date cannot be in the future."];
        }

        if ((Reference ?? string.Empty).Length > 200)
        {
            errors["reference"] = ["The reference has at most 200 characters."];
        }

        var fundAmount = FundAmountOf(amount, pledgeCurrency, fundCurrency, errors);
        if (amount is { } received && !ExceedsPledge && pledge.ReceivedMinorUnits + received.MinorUnits > pledge.PledgedMinorUnits)
        {
            var left = new Money(Math.Max(0, pledge.PledgedMinorUnits - pledge.ReceivedMinorUnits), pledgeCurrency);
            errors["amount.amount"] = [$"This is more than is still pledged ({left}). If the donor gave more than pledged, set exceedsPledge to true."];
        }

        return errors.Count == 0 ? (amount!.Value, fundAmount!.Value, ExchangeRate ?? string.Empty) : null;
    }

    private Money? FundAmountOf(Money? amount, CurrencyCode pledgeCurrency, CurrencyCode fundCurrency, IDictionary<string, string[]> errors)
    {
        if (pledgeCurrency == fundCurrency)
        {
            if (ExchangeRate is not null || FundAmount is not null)
            {
                errors[ExchangeRate is not null ? "exchangeRate" : "fundAmount"] = [$"The receipt is in the fund's currency ({fundCurrency}); leave out the rate and fund amount."];
            }

            return amount;
        }

        if (!Domain.ExchangeRate.TryParse(ExchangeRate, pledgeCurrency, fundCurrency, out var rate, out var rateError))
        {
            errors["exchangeRate"] = [rateError];
            return null;
        }

        if (amount is not { } received)
        {
            return null;
        }

        Money converted;
        try
        {
            converted = rate.Convert(received);
        }
        catch (OverflowException)
        {
            errors["exchangeRate"] = ["At this rate the amount is beyond what can be recorded."];
            return null;
        }

        if (FundAmount is { } stated)
        {
            var given = ContributionAmounts.Read(stated, "fundAmount", errors);
            if (given is { } g && g != converted)
            {
                errors["fundAmount.amount"] = [$"At {rate.Text}, {received} is {converted} (rounded half away from zero to the minor unit), not {g}."];
            }
        }

        return converted;
    }
}
