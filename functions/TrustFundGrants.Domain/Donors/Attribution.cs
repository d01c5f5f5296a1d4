namespace TrustFundGrants.Domain;

/// <summary>
/// What a donor's money was attributed to. Earmarked money goes to its earmark as received. Unearmarked
/// money goes to the fund's commitments pro rata: when the fund's unearmarked receipts are no more than its
/// commitments, all of a donor's unearmarked money is attributed; when they are more, a donor's attributed
/// amount is its share of the unearmarked receipts times the commitments (rounded down), the rest shown as
/// not yet committed. The attributed amount is then split over the commitments (by country, round, grant…)
/// with <see cref="Allocation.ProRata"/>: largest remainders, ties to the earlier key.
/// </summary>
public static class Attribution
{
    public static UnearmarkedAttribution Unearmarked(
        long donorUnearmarked, long fundUnearmarked, IReadOnlyList<KeyValuePair<string, long>> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        var positive = commitments.Where(c => c.Value > 0).ToArray();
        var committed = positive.Sum(c => c.Value);
        if (donorUnearmarked <= 0 || committed == 0)
        {
            return new UnearmarkedAttribution(new Dictionary<string, long>(StringComparer.Ordinal), Math.Max(0, donorUnearmarked));
        }

        var attributed = fundUnearmarked <= committed
            ? donorUnearmarked
            : (long)(donorUnearmarked * (System.Numerics.BigInteger)committed / fundUnearmarked);
        return new UnearmarkedAttribution(Allocation.ProRata(attributed, positive), donorUnearmarked - attributed);
    }
}

public sealed record UnearmarkedAttribution(IReadOnlyDictionary<string, long> ByKey, long NotYetCommitted);
