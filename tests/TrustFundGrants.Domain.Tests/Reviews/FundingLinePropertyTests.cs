using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class FundingLinePropertyTests
{
    // Means on the hundredths grid and few distinct values, so equal means (and so the id tie-break) come up often.
    private static readonly Gen<(RankingEntry[] Entries, Money Envelope)> Ranking =
        from rows in Gen.Select(Gen.Int[0, 40], Gen.Long[0, 50_000]).Array[0, 30]
        from envelope in Gen.Long[0, 400_000]
        select (
            rows.Select((r, i) => new RankingEntry($"app-{i * 7_919 % 1_000:D3}", r.Item1 * 2.5m, new Money(r.Item2, Currencies.Usd))).ToArray(),
            new Money(envelope, Currencies.Usd));

    [Fact]
    public void Draw_AnyEntries_CumulativeIsTheRunningSumAndNeverFalls()
    {
        Ranking.Sample((entries, envelope) =>
        {
            var ranking = FundingLine.Draw(entries, envelope);

            var running = Money.Zero(envelope.Currency);
            foreach (var row in ranking)
            {
                Assert.True(row.Cumulative >= running);
                running += row.Requested;
                Assert.Equal(running, row.Cumulative);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Draw_AnyEntries_RowsAboveTheLineFitAndTheLineIsWhereTheEnvelopeIsFirstExceeded()
    {
        Ranking.Sample((entries, envelope) =>
        {
            var ranking = FundingLine.Draw(entries, envelope);

            var above = ranking.TakeWhile(r => r.WithinEnvelope).ToArray();
            var below = ranking.Skip(above.Length).ToArray();
            Assert.All(above, r => Assert.True(r.Cumulative <= envelope));
            Assert.All(below, r => Assert.False(r.WithinEnvelope));
            if (below.Length > 0)
            {
                Assert.True(below[0].Cumulative > envelope);
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Draw_AnyEntries_OrderedByMeanDescendingThenApplicationId()
    {
        Ranking.Sample((entries, envelope) =>
        {
            var ranking = FundingLine.Draw(entries, envelope);

            Assert.Equal(Enumerable.Range(1, entries.Length), ranking.Select(r => r.Position));
            for (var i = 1; i < ranking.Count; i++)
            {
                var (higher, lower) = (ranking[i - 1], ranking[i]);
                Assert.True(
                    higher.MeanScore > lower.MeanScore
                    || (higher.MeanScore == lower.MeanScore && string.CompareOrdinal(higher.ApplicationId, lower.ApplicationId) < 0),
                    $"{higher} ranked above {lower}");
            }
        }, iter: 1_000);
    }

    [Fact]
    public void Draw_EntriesInAnyOrder_SameRanking()
    {
        Gen.Select(Ranking, Gen.Int).Sample((ranking, seed) =>
        {
            var shuffled = ranking.Entries.ToArray();
            new Random(seed).Shuffle(shuffled);

            Assert.Equal(FundingLine.Draw(ranking.Entries, ranking.Envelope), FundingLine.Draw(shuffled, ranking.Envelope));
        });
    }
}
