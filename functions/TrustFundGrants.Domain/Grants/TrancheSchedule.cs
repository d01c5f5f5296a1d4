namespace TrustFundGrants.Domain;

/// <summary>One tranche as the Secretariat states it: a percentage of the grant or an amount, never both.</summary>
public sealed record TranchePart(decimal? Percent, Money? Amount);

/// <summary>
/// Splits a grant into tranche amounts that add up to it exactly. By percentage, each tranche but the
/// last is rounded down to the minor unit and the last takes the remainder, so no cent is lost or
/// invented; by amount, the amounts must already add up. Errors are keyed by field path.
/// </summary>
public static class TrancheSchedule
{
    public const int MaxTranches = 12;

    public static IReadOnlyList<Money>? Split(Money grant, IReadOnlyList<TranchePart> parts, IDictionary<string, string[]> errors, string field = "tranches")
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(errors);
        if (parts.Count is 0 or > MaxTranches)
        {
            errors[field] = [$"Give 1 to {MaxTranches} tranches."];
            return null;
        }

        var byPercent = parts[0].Percent is not null;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if ((part.Percent is null) == (part.Amount is null) || (part.Percent is not null) != byPercent)
            {
                errors[$"{field}[{i}]"] = ["Give every tranche as a percentage, or every tranche as an amount."];
            }
            else if (part.Percent is { } p && (p <= 0 || p > 100 || decimal.Round(p, 2) != p))
            {
                errors[$"{field}[{i}].percent"] = ["A percentage above 0 and at most 100, with at most two decimals."];
            }
            else if (part.Amount is { } a && (a.Currency != grant.Currency || a.MinorUnits <= 0))
            {
                errors[$"{field}[{i}].amount"] = [$"An amount above zero in {grant.Currency}."];
            }
        }

        if (errors.Keys.Any(k => k.StartsWith(field, StringComparison.Ordinal)))
        {
            return null;
        }

        if (byPercent)
        {
            var total = parts.Sum(p => p.Percent!.Value);
            if (total != 100m)
            {
                errors[field] = [$"The percentages add up to {total}; they must add up to 100."];
                return null;
            }

            var amounts = new List<Money>();
            for (var i = 0; i < parts.Count - 1; i++)
            {
                amounts.Add(new Money((long)decimal.Floor(grant.MinorUnits * parts[i].Percent!.Value / 100m), grant.Currency));
            }

            amounts.Add(grant - Money.Sum(amounts, grant.Currency));
            return amounts;
        }

        var given = parts.Select(p => p.Amount!.Value).ToArray();
        var sum = Money.Sum(given, grant.Currency);
        if (sum != grant)
        {
            errors[field] = [$"The tranches add up to {sum}; they must add up to the grant, {grant}."];
            return null;
        }

        return given;
    }
}
