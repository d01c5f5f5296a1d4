namespace TrustFundGrants.Domain;

/// <summary>An application as the ranking takes it: its mean score and what it asked for.</summary>
public sealed record RankingEntry(string ApplicationId, decimal MeanScore, Money Requested);

/// <summary>
/// One row of the ranking. <see cref="Cumulative"/> is the requests of this row and every row above it.
/// </summary>
/// <param name="Position">1 for the highest mean.</param>
/// <param name="WithinEnvelope">Above the funding line: the cumulative requests still fit the envelope.</param>
public sealed record RankedApplication(
    int Position,
    string ApplicationId,
    decimal MeanScore,
    Money Requested,
    Money Cumulative,
    bool WithinEnvelope);

/// <summary>
/// Ranks applications by mean score and draws the funding line: the first row whose cumulative request
/// exceeds the envelope, and every row after it, fall below. A smaller request further down that would
/// still fit stays below the line; skipping to it is the panel's decision, not the ranking's.
/// </summary>
public static class FundingLine
{
    /// <summary>Highest mean first; equal means by application id (ordinal), so the order never depends on input order.</summary>
    public static IReadOnlyList<RankedApplication> Draw(IEnumerable<RankingEntry> entries, Money envelope)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfLessThan(envelope, Money.Zero(envelope.Currency));

        var ranked = entries
            .Select(e => e is { ApplicationId.Length: > 0 }
                ? e
                : throw new ArgumentException("Every entry needs an application id.", nameof(entries)))
            .OrderByDescending(e => e.MeanScore)
            .ThenBy(e => e.ApplicationId, StringComparer.Ordinal)
            .ToArray();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cumulative = Money.Zero(envelope.Currency);
        var rows = new List<RankedApplication>(ranked.Length);
        foreach (var entry in ranked)
        {
            if (!seen.Add(entry.ApplicationId))
            {
                throw new ArgumentException($"Application '{entry.ApplicationId}' appears more than once.", nameof(entries));
            }

            // A negative request would let the cumulative fall and a later row climb back above the line.
            if (entry.Requested < Money.Zero(envelope.Currency))
            {
                throw new ArgumentException($"Application '{entry.ApplicationId}' requests a negative amount.", nameof(entries));
            }

            cumulative += entry.Requested;
            rows.Add(new RankedApplication(rows.Count + 1, entry.ApplicationId, entry.MeanScore, entry.Requested, cumulative, cumulative <= envelope));
        }

        return rows;
    }
}
