namespace TrustFundGrants.Domain.Tests;

public class ReviewerAssignmentTests
{
    private static readonly string[] ThreeReviewers = ["amara", "bo", "chen"];

    private static AssignmentPlan Plan(
        EligibleApplication[] applications,
        string[] reviewers,
        DeclaredConflict[]? conflicts = null,
        ExistingAssignment[]? existing = null,
        int perApplication = 2) =>
        ReviewerAssignment.Plan(applications, reviewers, conflicts ?? [], existing ?? [], perApplication);

    private static EligibleApplication[] Applications(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new EligibleApplication($"app-{i}", $"org-{i}"))];

    [Fact]
    public void Plan_FreshRound_GivesLeastLoadedReviewersLowestIdFirst()
    {
        var plan = Plan(Applications(3), ThreeReviewers);

        Assert.Equal(
            [
                new NewAssignment("app-1", "amara"), new NewAssignment("app-1", "bo"),
                new NewAssignment("app-2", "amara"), new NewAssignment("app-2", "chen"),
                new NewAssignment("app-3", "bo"), new NewAssignment("app-3", "chen"),
            ],
            plan.Assignments);
        Assert.Empty(plan.Shortfalls);
        Assert.Equal([new ReviewerLoad("amara", 2), new ReviewerLoad("bo", 2), new ReviewerLoad("chen", 2)], plan.Loads);
    }

    [Fact]
    public void Plan_DeclaredConflict_AssignsSomeoneElse()
    {
        var plan = Plan(Applications(1), ThreeReviewers, conflicts: [new DeclaredConflict("amara", "org-1")]);

        Assert.Equal([new NewAssignment("app-1", "bo"), new NewAssignment("app-1", "chen")], plan.Assignments);
    }

    [Fact]
    public void Plan_ConflictOfSomeoneOutsideThePool_ChangesNothing()
    {
        var withoutConflict = Plan(Applications(2), ThreeReviewers);
        var withConflict = Plan(Applications(2), ThreeReviewers, conflicts: [new DeclaredConflict("dana", "org-1")]);

        Assert.Equal(withoutConflict.Assignments, withConflict.Assignments);
    }

    [Fact]
    public void Plan_AfterRecusal_FillsTheGapWithAnotherReviewer()
    {
        ExistingAssignment[] existing =
        [
            new("app-1", "amara", Recused: true),
            new("app-1", "bo", Recused: false),
        ];

        var plan = Plan(Applications(1), ThreeReviewers, existing: existing);

        Assert.Equal([new NewAssignment("app-1", "chen")], plan.Assignments);
        Assert.Equal([new ReviewerLoad("amara", 0), new ReviewerLoad("bo", 1), new ReviewerLoad("chen", 1)], plan.Loads);
    }

    [Fact]
    public void Plan_RecusedReviewerIsTheOnlyOneLeft_ReportsShortfallRatherThanReassigning()
    {
        ExistingAssignment[] existing =
        [
            new("app-1", "amara", Recused: true),
            new("app-1", "bo", Recused: false),
        ];

        var plan = Plan(Applications(1), ["amara", "bo"], existing: existing);

        Assert.Empty(plan.Assignments);
        Assert.Equal([new AssignmentShortfall("app-1", 1, 1)], plan.Shortfalls);
    }

    [Fact]
    public void Plan_PoolSmallerThanRequired_AssignsWhoItCanAndReportsTheRest()
    {
        var plan = Plan(Applications(2), ["amara", "bo"], conflicts: [new DeclaredConflict("bo", "org-2")], perApplication: 3);

        Assert.Equal(
            [new NewAssignment("app-1", "amara"), new NewAssignment("app-1", "bo"), new NewAssignment("app-2", "amara")],
            plan.Assignments);
        Assert.Equal([new AssignmentShortfall("app-1", 2, 1), new AssignmentShortfall("app-2", 1, 2)], plan.Shortfalls);
    }

    [Fact]
    public void Plan_EmptyPool_ReportsEveryApplicationShort()
    {
        var plan = Plan(Applications(2), []);

        Assert.Empty(plan.Assignments);
        Assert.Equal([new AssignmentShortfall("app-1", 0, 2), new AssignmentShortfall("app-2", 0, 2)], plan.Shortfalls);
    }

    [Fact]
    public void Plan_ManuallyAssignedBeyondRequired_AddsNothing()
    {
        ExistingAssignment[] existing = [new("app-1", "amara", false), new("app-1", "bo", false), new("app-1", "chen", false)];

        var plan = Plan(Applications(1), ThreeReviewers, existing: existing);

        Assert.Empty(plan.Assignments);
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Plan_ExistingReviewerWhoLeftThePool_StillCountsForTheApplication()
    {
        var plan = Plan(Applications(1), ThreeReviewers, existing: [new ExistingAssignment("app-1", "dana", false)]);

        Assert.Equal([new NewAssignment("app-1", "amara")], plan.Assignments);
    }

    [Fact]
    public void Plan_ExistingAssignmentOnApplicationNotGiven_IsNoLoad()
    {
        var plan = Plan(Applications(1), ["amara", "bo"], existing: [new ExistingAssignment("app-withdrawn", "amara", false)], perApplication: 1);

        Assert.Equal([new NewAssignment("app-1", "amara")], plan.Assignments);
        Assert.Equal(1, plan.Loads.Single(l => l.ReviewerId == "amara").Assigned);
    }

    [Fact]
    public void Plan_ExistingLoadsUneven_GivesNewSeatsToTheLighterReviewers()
    {
        ExistingAssignment[] existing = [new("app-1", "amara", false), new("app-2", "amara", false), new("app-3", "amara", false)];

        var plan = Plan(Applications(4), ThreeReviewers, existing: existing, perApplication: 1);

        Assert.Equal([new NewAssignment("app-4", "bo")], plan.Assignments);
    }

    [Fact]
    public void Plan_ReviewerConflictedWithEveryone_OthersStayBalanced()
    {
        var applications = Applications(6);
        var plan = Plan(applications, ThreeReviewers, conflicts: [.. applications.Select(a => new DeclaredConflict("chen", a.OrganisationId))]);

        Assert.Equal([new ReviewerLoad("amara", 6), new ReviewerLoad("bo", 6), new ReviewerLoad("chen", 0)], plan.Loads);
        Assert.Empty(plan.Shortfalls);
    }

    [Fact]
    public void Plan_ConstrainedApplicationsFirst_StillBalancesWhereConflictsAllow()
    {
        // Only amara may review org-1's four applications; bo and chen must carry the other four between them.
        EligibleApplication[] applications =
        [
            .. Enumerable.Range(1, 4).Select(i => new EligibleApplication($"app-a{i}", "org-1")),
            .. Enumerable.Range(1, 4).Select(i => new EligibleApplication($"app-b{i}", "org-2")),
        ];
        DeclaredConflict[] conflicts = [new("bo", "org-1"), new("chen", "org-1")];

        var plan = Plan(applications, ThreeReviewers, conflicts, perApplication: 1);

        Assert.Equal([new ReviewerLoad("amara", 4), new ReviewerLoad("bo", 2), new ReviewerLoad("chen", 2)], plan.Loads);
    }

    [Fact]
    public void Plan_RoundOfTwoThousandApplicationsAndFortyReviewers_FillsAndBalances()
    {
        var applications = Enumerable.Range(0, 2_000)
            .Select(i => new EligibleApplication($"app-{i:D4}", $"org-{i % 600:D3}"))
            .ToArray();
        var reviewers = Enumerable.Range(0, 40).Select(r => $"rev-{r:D2}").ToArray();
        var conflicts = reviewers
            .SelectMany((r, i) => Enumerable.Range(0, 5).Select(k => new DeclaredConflict(r, $"org-{((i * 37) + (k * 101)) % 600:D3}")))
            .ToArray();
        var facts = new AssignmentCase(applications, reviewers, conflicts, [], 2);

        var plan = facts.Plan();

        Assert.Equal(4_000, plan.Assignments.Count);
        Assert.Empty(plan.Shortfalls);
        Assert.All(plan.Loads, l => Assert.InRange(l.Assigned, 100, 101));
        Assert.Null(AssignmentExpectations.FirstImprovingMove(facts, plan));
    }

    [Fact]
    public void Plan_NoReviewersPerApplication_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan(Applications(1), ThreeReviewers, perApplication: 0));
    }

    [Fact]
    public void Plan_ApplicationListedTwice_Throws()
    {
        EligibleApplication[] applications = [new("app-1", "org-1"), new("app-1", "org-2")];

        var exception = Assert.Throws<ArgumentException>(() => Plan(applications, ThreeReviewers));

        Assert.Equal("applications", exception.ParamName);
    }

    [Fact]
    public void Plan_ReviewerListedTwice_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => Plan(Applications(1), ["amara", "amara"]));

        Assert.Equal("reviewers", exception.ParamName);
    }

    [Fact]
    public void Plan_ApplicationWithoutOrganisation_Throws()
    {
        Assert.Throws<ArgumentException>(() => Plan([new EligibleApplication("app-1", "")], ThreeReviewers));
    }
}
