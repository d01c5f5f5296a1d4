using CsCheck;

namespace TrustFundGrants.Domain.Tests;

/// <summary>
/// The projector's contract modelled purely: an event names a grant or pledge; applying it reads that
/// source's facts as they are now and replaces what the projection held for it. Sources change while
/// events are delivered late, twice and out of order; once every event is delivered the projection equals
/// a recomputation from the sources.
/// </summary>
public class FundProjectionPropertyTests
{
    private static readonly string[] Countries = ["KH", "NG", "TH", "UA"];
    private static readonly string[] Forms = ["sexual", "labour", "forced-marriage"];
    private static readonly string[] Groups = ["female/adult/sexual", "male/child/labour", "other/adult/labour"];

    private static readonly Gen<GrantFacts> Grant =
        from id in Gen.Int[0, 5]
        from round in Gen.Int[0, 2]
        from countries in Gen.Int[0, Countries.Length - 1].Array[0, 3]
        from forms in Gen.Int[0, Forms.Length - 1].Array[0, 2]
        from flows in Gen.Select(Gen.Int[0, 2], Gen.Long[-5_000, 90_000], Gen.Int[2024, 2027]).Array[0, 6]
        from people in Gen.Long[0, 30].Array[Groups.Length]
        from assisted in Gen.Long[0, 20]
        select new GrantFacts(
            $"grant-{id}",
            $"round-{round}",
            countries.Select(c => Countries[c]).ToArray(),
            forms.Select(f => Forms[f]).ToArray(),
            flows.Select(f => new GrantFlow((FlowKind)f.Item1, f.Item2, f.Item3)).ToArray(),
            Groups.Zip(people).Where(p => p.Second > 0).ToDictionary(p => p.First, p => p.Second),
            assisted > 0 ? new Dictionary<string, long> { ["shelter"] = assisted } : []);

    private static readonly Gen<PledgeFacts> Pledge =
        from id in Gen.Int[0, 4]
        from donor in Gen.Int[0, 2]
        from currency in Gen.Bool.Select(b => b ? "USD" : "EUR")
        from pledged in Gen.Long[0, 100_000]
        from earmark in Gen.Int[0, 2]
        from receipts in Gen.Select(Gen.Long[0, 50_000], Gen.Int[2024, 2026]).Array[0, 3]
        select new PledgeFacts(
            $"pledge-{id}",
            $"donor-{donor}",
            currency,
            pledged,
            earmark == 0 ? null : new Earmark(Earmark.Country, Countries[earmark]),
            receipts.Select(r => new ReceiptFacts(r.Item1, r.Item1 * 11 / 10, r.Item2)).ToArray());

    // A step either changes a source (and owes an event for it) or delivers one owed event, which may stay owed (a redelivery).
    private static readonly Gen<(int Kind, GrantFacts Grant, PledgeFacts Pledge, int Pick, bool Again)[]> Scripts =
        Gen.Select(Gen.Int[0, 3], Grant, Pledge, Gen.Int[0, 1_000], Gen.Bool).Array[0, 40];

    [Fact]
    public void Replace_EventsLateTwiceAndOutOfOrder_EqualsARecomputationFromTheSources()
    {
        Gen.Select(Scripts, Gen.Int[0, int.MaxValue]).Sample((script, seed) =>
        {
            var grants = new Dictionary<string, GrantFacts>(StringComparer.Ordinal);
            var pledges = new Dictionary<string, PledgeFacts>(StringComparer.Ordinal);
            var projectedGrants = new Dictionary<string, GrantFacts>(StringComparer.Ordinal);
            var projectedPledges = new Dictionary<string, PledgeFacts>(StringComparer.Ordinal);
            var owed = new List<string>();
            var projection = new FundProjection();

            void Deliver(string source)
            {
                if (source.StartsWith("grant", StringComparison.Ordinal))
                {
                    var now = grants.GetValueOrDefault(source);
                    projection.Replace(projectedGrants.GetValueOrDefault(source), now);
                    projectedGrants[source] = now!;
                }
                else
                {
                    var now = pledges.GetValueOrDefault(source);
                    projection.Replace(projectedPledges.GetValueOrDefault(source), now);
                    projectedPledges[source] = now!;
                }
            }

            foreach (var (kind, grant, pledge, pick, again) in script)
            {
                switch (kind)
                {
                    case 0:
                        grants[grant.GrantId] = grant;
                        owed.Add(grant.GrantId);
                        break;
                    case 1:
                        pledges[pledge.PledgeId] = pledge;
                        owed.Add(pledge.PledgeId);
                        break;
                    default:
                        if (owed.Count > 0)
                        {
                            var index = pick % owed.Count;
                            Deliver(owed[index]);
                            if (!again)
                            {
                                owed.RemoveAt(index);
                            }
                        }

                        break;
                }
            }

            var random = new Random(seed);
            var rest = owed.Concat(owed.Where(_ => random.Next(2) == 0)).OrderBy(_ => random.Next()).ToArray();
            foreach (var source in rest)
            {
                Deliver(source);
            }

            var rebuilt = FundProjection.Recompute(grants.Values, pledges.Values);
            Assert.Equal(rebuilt.ToJson(), projection.ToJson());
            Assert.Equal(rebuilt.ToJson(), FundProjection.FromJson(projection.ToJson()).ToJson());
        }, iter: 1_000);
    }

    [Fact]
    public void Recompute_OneGrantInTwoCountries_SplitsItsMoneyExactly()
    {
        var grant = new GrantFacts("g", "r", ["KH", "NG"], ["labour"], [new GrantFlow(FlowKind.Commitment, 10_001, 2025), new GrantFlow(FlowKind.Disbursement, 4_000, 2025)], new Dictionary<string, long>(), new Dictionary<string, long>());
        var pledge = new PledgeFacts("p", "d", "USD", 50_000, null, [new ReceiptFacts(20_000, 20_000, 2025)]);

        var projection = FundProjection.Recompute([grant], [pledge]);

        Assert.Equal(new Figures(0, 5_001, 2_000, 0), projection.ByCountry["KH"]);
        Assert.Equal(new Figures(0, 5_000, 2_000, 0), projection.ByCountry["NG"]);
        Assert.Equal(new Figures(20_000, 10_001, 4_000, 0), projection.Totals);
        Assert.Equal(9_999, projection.Totals.Available);
        Assert.Equal(3_999, projection.Totals.DeliveryBasisPoints);
        Assert.Equal(30_000, projection.PledgedNotReceived["USD"]);
        Assert.Equal(20_000, projection.ReceivedByDonor["d"][string.Empty]);
    }
}
