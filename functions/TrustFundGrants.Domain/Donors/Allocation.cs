namespace TrustFundGrants.Domain;

/// <summary>
/// Splits an amount of minor units in proportion to weights, exactly: each share is the floor of its
/// exact proportion, and the minor units left over go one each to the largest remainders, ties to the
/// earlier key in ordinal order (the largest-remainder method). The shares always add up to the amount.
/// </summary>
public static class Allocation
{
    public static IReadOnlyDictionary<string, long> ProRata(long amount, IReadOnlyList<KeyValuePair<string, long>> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (weights.Any(w => w.Value < 0))
        {
            throw new ArgumentException("Weights are never negative.", nameof(weights));
        }

        var total = weights.Aggregate(System.Numerics.BigInteger.Zero, (sum, w) => sum + w.Value);
        var shares = weights.ToDictionary(w => w.Key, _ => 0L, StringComparer.Ordinal);
        if (total.IsZero)
        {
            return shares;
        }

        var remainders = new List<(string Key, System.Numerics.BigInteger Remainder)>();
        long given = 0;
        foreach (var (key, weight) in weights)
        {
            var share = System.Numerics.BigInteger.DivRem(amount * (System.Numerics.BigInteger)weight, total, out var remainder);
            shares[key] = (long)share;
            given += (long)share;
            remainders.Add((key, remainder));
        }

        foreach (var (key, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Key, StringComparer.Ordinal).Take((int)(amount - given)))
        {
            shares[key]++;
        }

        return shares;
    }
}
