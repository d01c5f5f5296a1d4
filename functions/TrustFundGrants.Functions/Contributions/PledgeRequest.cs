using System.Globalization;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>What the Secretariat records when a donor pledges: to which fund, how much in which currency, when, and for what.</summary>
public sealed record PledgeRequest(string DonorId, string FundId, AmountJson Amount, string PledgedOn, EarmarkJson? Earmark = null)
{
    public static IReadOnlyList<string> Regions { get; } = ["africa", "americas", "asia", "europe", "oceania"];

    /// <summary>Field errors that need no storage; the donor, fund and round are checked by the caller.</summary>
    /// <returns>The amount pledged when it is valid.</returns>
    public Money? Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var amount = ContributionAmounts.Read(Amount, "amount", errors);
        if (!DateOnly.TryParseExact(PledgedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors["pledgedOn"] = ["Give the date of the pledge as yyyy-MM-dd."];
        }

        if (Earmark is { } earmark && EarmarkProblem(earmark) is { } problem)
        {
            errors[problem.Field] = [problem.Message];
        }

        return amount;
    }

    private static (string Field, string Message)? EarmarkProblem(EarmarkJson earmark) => earmark.Kind switch
    {
        Domain.Earmark.Theme when !ApplicationDraft.Forms.Contains(earmark.Value, StringComparer.Ordinal) =>
            ("earmark.value", "A theme is a form of exploitation: " + string.Join(", ", ApplicationDraft.Forms) + "."),
        Domain.Earmark.Region when !Regions.Contains(earmark.Value, StringComparer.Ordinal) =>
            ("earmark.value", "A region is one of: " + string.Join(", ", Regions) + "."),
        Domain.Earmark.Country when !CountryCode.TryParse(earmark.Value, out _) =>
            ("earmark.value", "A country is an ISO 3166-1 alpha-2 code, such as KH."),
        Domain.Earmark.Round when !Guid.TryParse(earmark.Value, out _) =>
            ("earmark.value", "A round is named by its id."),
        Domain.Earmark.Theme or Domain.Earmark.Region or Domain.Earmark.Country or Domain.Earmark.Round => null,
        _ => ("earmark.kind", "Earmark to one of: " + string.Join(", ", Domain.Earmark.Kinds) + "."),
    };
}

internal static class ContributionAmounts
{
    /// <summary>A positive amount in any currency amounts may be recorded in, or errors under field.currency / field.amount.</summary>
    public static Money? Read(AmountJson? json, string field, IDictionary<string, string[]> errors)
    {
        if (json is null)
        {
            errors[field] = ["Give the amount and its currency."];
            return null;
        }

        if (!CurrencyCode.TryParse(json.Currency, out var currency))
        {
            errors[field + ".currency"] = ["Give the currency as an ISO 4217 code in capitals, such as USD or EUR."];
            return null;
        }

        if (!Money.TryParse(json.Amount, currency, out var money, out var error))
        {
            errors[field + ".amount"] = [error];
            return null;
        }

        if (money.MinorUnits == 0)
        {
            errors[field + ".amount"] = ["The amount must be above zero."];
            return null;
        }

        return money;
    }
}
