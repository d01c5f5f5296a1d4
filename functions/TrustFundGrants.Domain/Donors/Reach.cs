namespace TrustFundGrants.Domain;

/// <summary>
/// Which of a donor's pledges reached a grant: unearmarked money reaches every grant the fund committed (it is
/// attributed to all of them pro rata); earmarked money reaches the grants that match its earmark (a grant
/// working in the country, on the form of exploitation, or from the round). A region earmark names no
/// countries this system can list, so it is shown as attributed to its region but reaches no listed grant.
/// </summary>
public static class Reach
{
    /// <summary>The earmark keys (<see cref="Earmark.Key"/>, "" for unearmarked money) through which money reached <paramref name="grant"/>.</summary>
    public static IReadOnlyList<string> Of(GrantFacts grant, IEnumerable<Earmark?> earmarks)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(earmarks);
        return earmarks
            .Where(e => e is null || e.Kind switch
            {
                Earmark.Country => grant.Countries.Contains(e.Value, StringComparer.Ordinal),
                Earmark.Theme => grant.Forms.Contains(e.Value, StringComparer.Ordinal),
                Earmark.Round => string.Equals(grant.RoundId, e.Value, StringComparison.Ordinal),
                _ => false,
            })
            .Select(e => e?.Key ?? string.Empty)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
