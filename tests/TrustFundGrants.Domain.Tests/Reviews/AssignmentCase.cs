using CsCheck;

namespace TrustFundGrants.Domain.Tests;

/// <summary>
/// One set of facts for <see cref="ReviewerAssignment.Plan"/>. Ids are spread so that their ordinal order is
/// not the order they were made in, which is what the determinism property needs to mean anything.
/// </summary>
internal sealed record AssignmentCase(
    EligibleApplication[] Applications,
    string[] Reviewers,
    DeclaredConflict[] Conflicts,
    ExistingAssignment[] Existing,
    int PerApplication)
{
    /// <summary>Facts of any shape: conflicts, recusals, existing assignments, reviewers who left the pool.</summary>
    public static readonly Gen<AssignmentCase> Any =
        from reviewerCount in Gen.Int[0, 10]
        from organisationCount in Gen.Int[1, 6]
        from organisations in Gen.Int[0, organisationCount - 1].Array[0, 25]
        from perApplication in Gen.Int[1, 4]
        from conflicts in Gen.Select(Gen.Int[0, reviewerCount], Gen.Int[0, organisationCount - 1]).Array[0, 20]
        from existing in Gen.Select(Gen.Int[0, Math.Max(organisations.Length - 1, 0)], Gen.Int[0, reviewerCount + 1], Gen.Bool).Array[0, 25]
        select new AssignmentCase(
            [.. organisations.Select((o, a) => new EligibleApplication(ApplicationId(a), OrganisationId(o)))],
            [.. Enumerable.Range(0, reviewerCount).Select(ReviewerId)],
            // Index reviewerCount is someone outside the pool: their conflicts must not matter.
            [.. conflicts.Select(c => new DeclaredConflict(ReviewerId(c.Item1), OrganisationId(c.Item2)))],
            [.. existing
                .Where(e => e.Item1 < organisations.Length)
                .Select(e => new ExistingAssignment(ApplicationId(e.Item1), ReviewerId(e.Item2), e.Item3))],
            perApplication);

    /// <summary>A first run with nobody conflicted: the case where largest minus smallest load must be at most 1.</summary>
    public static readonly Gen<AssignmentCase> FirstRunWithoutConflicts =
        from reviewerCount in Gen.Int[1, 12]
        from applicationCount in Gen.Int[0, 40]
        from perApplication in Gen.Int[1, 5]
        select new AssignmentCase(
            [.. Enumerable.Range(0, applicationCount).Select(a => new EligibleApplication(ApplicationId(a), OrganisationId(a % 7)))],
            [.. Enumerable.Range(0, reviewerCount).Select(ReviewerId)],
            [],
            [],
            perApplication);

    /// <summary>Many conflicts against few organisations, so greedy order alone would leave reviewers uneven.</summary>
    public static readonly Gen<AssignmentCase> HeavilyConflicted =
        from reviewerCount in Gen.Int[2, 8]
        from organisationCount in Gen.Int[1, 4]
        from organisations in Gen.Int[0, organisationCount - 1].Array[1, 30]
        from perApplication in Gen.Int[1, 3]
        from conflicted in Gen.Bool.Array[reviewerCount * organisationCount]
        select new AssignmentCase(
            [.. organisations.Select((o, a) => new EligibleApplication(ApplicationId(a), OrganisationId(o)))],
            [.. Enumerable.Range(0, reviewerCount).Select(ReviewerId)],
            [.. conflicted
                .Select((isConflicted, i) => (isConflicted, i))
                .Where(c => c.isConflicted)
                .Select(c => new DeclaredConflict(ReviewerId(c.i / organisationCount), OrganisationId(c.i % organisationCount)))],
            [],
            perApplication);

    public AssignmentPlan Plan() => ReviewerAssignment.Plan(Applications, Reviewers, Conflicts, Existing, PerApplication);

    /// <summary>The same facts, each list in another order.</summary>
    public AssignmentCase Shuffled(int seed)
    {
        var random = new Random(seed);
        T[] Shuffle<T>(T[] items)
        {
            var copy = items.ToArray();
            random.Shuffle(copy);
            return copy;
        }

        return this with
        {
            Applications = Shuffle(Applications),
            Reviewers = Shuffle(Reviewers),
            Conflicts = Shuffle(Conflicts),
            Existing = Shuffle(Existing),
        };
    }

    /// <summary>The facts as storage holds them after the plan is saved.</summary>
    public AssignmentCase After(AssignmentPlan plan) => this with
    {
        Existing = [.. Existing, .. plan.Assignments.Select(n => new ExistingAssignment(n.ApplicationId, n.ReviewerId, Recused: false))],
    };

    // Printed by CsCheck for a failing case, so the shrunk facts can be read and pasted into an example test.
    public override string ToString() =>
        $"perApplication {PerApplication}; applications [{string.Join(", ", Applications.Select(a => $"{a.ApplicationId}@{a.OrganisationId}"))}]; "
        + $"reviewers [{string.Join(", ", Reviewers)}]; conflicts [{string.Join(", ", Conflicts.Select(c => $"{c.ReviewerId}x{c.OrganisationId}"))}]; "
        + $"existing [{string.Join(", ", Existing.Select(e => $"{e.ApplicationId}:{e.ReviewerId}{(e.Recused ? " recused" : string.Empty)}"))}]";

    private static string ApplicationId(int i) => $"app-{i * 7_919 % 1_000:D3}";

    private static string ReviewerId(int i) => $"rev-{i * 7_907 % 1_000:D3}";

    private static string OrganisationId(int i) => $"org-{i}";
}
