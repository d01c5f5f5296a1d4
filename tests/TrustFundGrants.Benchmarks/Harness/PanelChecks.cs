using System.Globalization;
using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>One correctness check on a timed operation's result: a fast wrong answer is not a result.</summary>
internal sealed record PanelCheck(string What, string Measured, bool Pass);

/// <summary>
/// Checks what AutoAssign stored and answered, and what GetRanking answered, against the seeded facts
/// and the rows in storage (read after the timing, never during it).
/// </summary>
internal static class PanelChecks
{
    public static List<PanelCheck> Assignment(PanelRound round, JsonElement answer, IReadOnlyList<AssignmentEntity> stored)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(stored);
        var perApplication = PanelRound.ReviewersPerApplication;
        var eligible = round.Eligible.ToDictionary(a => a.RowKey, a => a.OrganisationId, StringComparer.Ordinal);
        var tied = round.Conflicts.Select(c => (c.PartitionKey, c.RowKey)).ToHashSet();
        var active = stored.Where(a => !a.Recused).ToArray();
        var perApp = active.GroupBy(a => a.ApplicationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.ReviewerId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var full = eligible.Keys.Count(id => perApp.GetValueOrDefault(id) == perApplication);
        var strays = active.Count(a => !eligible.ContainsKey(a.ApplicationId));
        var conflicted = active.Count(a => tied.Contains((a.ReviewerId, eligible.GetValueOrDefault(a.ApplicationId, a.OrganisationId))));
        var wrongOrganisation = active.Count(a => eligible.TryGetValue(a.ApplicationId, out var org) && org != a.OrganisationId);
        var avoided = eligible.Sum(e => round.Reviewers.Count(r => tied.Contains((r, e.Value))));
        var loads = round.Reviewers.Select(r => active.Count(a => a.ReviewerId == r)).ToArray();
        var answered = answer.GetProperty("loads").EnumerateArray().ToDictionary(l => l.GetProperty("reviewerId").GetString()!, l => l.GetProperty("assigned").GetInt32(), StringComparer.Ordinal);
        var loadsAgree = round.Reviewers.Select((r, i) => answered.GetValueOrDefault(r, -1) == loads[i]).All(x => x);
        var added = answer.GetProperty("added").GetInt32();
        var shortfalls = answer.GetProperty("shortfalls").GetArrayLength();
        return
        [
            new("answer: added = applications x reviewers per application, no shortfalls", Fmt.Inv($"{added} added, {shortfalls} shortfalls"), added == eligible.Count * perApplication && shortfalls == 0),
            new(Fmt.Inv($"stored: every eligible application has {perApplication} distinct active reviewers"), Fmt.Inv($"{full} of {eligible.Count}"), full == eligible.Count),
            new("stored: no assignment on an ineligible or unknown application", Fmt.Int(strays), strays == 0),
            new(Fmt.Inv($"stored: no reviewer assigned an organisation they declared (pairs the declarations rule out: {avoided})"), Fmt.Int(conflicted), conflicted == 0 && avoided > 0),
            new("stored: each assignment names its application's organisation", Fmt.Inv($"{wrongOrganisation} wrong"), wrongOrganisation == 0),
            new("stored: loads balanced, max - min <= 1", Fmt.Inv($"{loads.Min()}..{loads.Max()} per reviewer"), loads.Max() - loads.Min() <= 1),
            new("answer: loads agree with storage", loadsAgree ? "agree" : "differ", loadsAgree),
        ];
    }

    public static List<PanelCheck> Ranking(PanelRound round, JsonElement answer, IReadOnlyList<AssignmentEntity> stored)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(stored);
        var rubric = ReviewRequest.RubricOf(round.Round);
        var submitted = stored.Where(a => !a.Recused && a.ReviewStatus == "Submitted").ToLookup(a => a.ApplicationId, StringComparer.Ordinal);
        var expected = round.Eligible.ToDictionary(
            a => a.RowKey,
            a => ScoreAggregation.Aggregate(
                rubric,
                submitted[a.RowKey].Select(r => new SubmittedReview(r.ReviewerId, JsonSerializer.Deserialize<Dictionary<string, int>>(r.ScoresJson)!)),
                PanelRound.ReviewersPerApplication),
            StringComparer.Ordinal);

        var ranked = answer.GetProperty("ranked").EnumerateArray().ToArray();
        var unscored = answer.GetProperty("unscored").EnumerateArray().ToArray();
        var ids = ranked.Concat(unscored).Select(r => r.GetProperty("applicationId").GetString()!).ToArray();
        var complete = ids.Length == expected.Count && ids.Distinct(StringComparer.Ordinal).Count() == ids.Length && ids.All(expected.ContainsKey);
        var expectUnscored = expected.Count(e => e.Value.Mean is null);

        var sorted = true;
        var cumulativeRight = true;
        decimal running = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            var (mean, id) = (ranked[i].GetProperty("mean").GetDecimal(), ranked[i].GetProperty("applicationId").GetString()!);
            sorted &= ranked[i].GetProperty("position").GetInt32() == i + 1;
            if (i > 0)
            {
                var (before, beforeId) = (ranked[i - 1].GetProperty("mean").GetDecimal(), ranked[i - 1].GetProperty("applicationId").GetString()!);
                sorted &= before > mean || (before == mean && string.CompareOrdinal(beforeId, id) < 0);
            }

            running += Amount(ranked[i].GetProperty("requested"));
            cumulativeRight &= Amount(ranked[i].GetProperty("cumulative")) == running;
        }

        var scoresRight = ranked.Concat(unscored).Count(r =>
        {
            var want = expected[r.GetProperty("applicationId").GetString()!];
            var mean = r.GetProperty("mean");
            return (mean.ValueKind == JsonValueKind.Null ? null : mean.GetDecimal()) == want.Mean
                && r.GetProperty("reviews").GetInt32() == want.Reviews.Count
                && r.GetProperty("missingReviews").GetBoolean() == want.MissingReviews;
        });
        var within = ranked.Count(r => r.GetProperty("withinEnvelope").GetBoolean());
        return
        [
            new("complete: every eligible application once (ranked + unscored)", Fmt.Inv($"{ranked.Length} + {unscored.Length} of {expected.Count}"), complete),
            new("unscored: exactly those with no submitted review", Fmt.Inv($"{unscored.Length}, expected {expectUnscored}"), unscored.Length == expectUnscored),
            new("sorted: mean descending, ties by id, positions 1..n", sorted ? "sorted" : "NOT sorted", sorted),
            new("cumulative request is the running sum", cumulativeRight ? "yes" : "no", cumulativeRight),
            new("mean, review count and missing-review flag match the stored reviews", Fmt.Inv($"{scoresRight} of {ids.Length}"), scoresRight == ids.Length),
            new("funding line falls inside the table", Fmt.Inv($"{within} of {ranked.Length} within the envelope"), within > 0 && within < ranked.Length),
        ];
    }

    private static decimal Amount(JsonElement amount) =>
        decimal.Parse(amount.GetProperty("amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture);
}
