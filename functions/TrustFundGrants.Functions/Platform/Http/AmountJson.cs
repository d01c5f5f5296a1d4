using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Money on the wire: <c>{ "amount": "25000.00", "currency": "USD" }</c>. A string amount, so no client
/// or JSON parser ever rounds it through a binary float.
/// </summary>
public sealed record AmountJson(string Amount, string Currency)
{
    public static AmountJson From(Money money) => new(money.FormatAmount(), money.Currency.Code);

    /// <summary>The amount in <paramref name="expected"/>, or an error under <paramref name="field"/>.</summary>
    public Money? Read(CurrencyCode expected, string field, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!string.Equals(Currency, expected.Code, StringComparison.Ordinal))
        {
            errors[field + ".currency"] = [$"Amounts in this fund are in {expected.Code}."];
            return null;
        }

        if (!Money.TryParse(Amount, expected, out var money, out var error))
        {
            errors[field + ".amount"] = [error];
            return null;
        }

        return money;
    }
}
