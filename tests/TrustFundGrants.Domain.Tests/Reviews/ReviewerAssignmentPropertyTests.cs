using CsCheck;

namespace TrustFundGrants.Domain.Tests;

public class ReviewerAssignmentPropertyTests
{
    private static readonly Gen<AssignmentCase> AnyFacts = Gen.OneOf(AssignmentCase.Any, AssignmentCase.HeavilyConflicted);

    [Fact]
    public void Plan_AnyFacts_NeverAssignsADeclaredConflict()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            foreach (var assignment in plan.Assignments)
            {
                var organisation = facts.Applications.Single(a => a.ApplicationId == assignment.ApplicationId).OrganisationId;
                Assert.False(
                    AssignmentExpectations.IsConflicted(facts, assignment.ReviewerId, organisation),
                    $"{assignment.ReviewerId} declared a conflict with {organisation}");
            }
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_NeverRepeatsOrRestoresAnAssignment()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            Assert.Equal(plan.Assignments.Count, plan.Assignments.Distinct().Count());
            Assert.DoesNotContain(plan.Assignments, n =>
                facts.Existing.Any(e => e.ApplicationId == n.ApplicationId && e.ReviewerId == n.ReviewerId));
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_AssignsOnlyPoolReviewersToGivenApplications()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            Assert.All(plan.Assignments, n =>
            {
                Assert.Contains(n.ReviewerId, facts.Reviewers);
                Assert.Contains(facts.Applications, a => a.ApplicationId == n.ApplicationId);
            });
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_FillsEachApplicationAsFarAsItsFreeReviewersAllow()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            foreach (var application in facts.Applications)
            {
                var kept = AssignmentExpectations.Kept(facts, application.ApplicationId);
                var added = plan.Assignments.Count(n => n.ApplicationId == application.ApplicationId);
                Assert.Equal(AssignmentExpectations.ExpectedAssigned(facts, application), kept + added);
            }
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_ReportsExactlyTheShortfallsLeft()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            var expected = facts.Applications
                .Select(a => (a.ApplicationId, Assigned: AssignmentExpectations.ExpectedAssigned(facts, a)))
                .Where(a => a.Assigned < facts.PerApplication)
                .OrderBy(a => a.ApplicationId, StringComparer.Ordinal)
                .Select(a => new AssignmentShortfall(a.ApplicationId, a.Assigned, facts.PerApplication - a.Assigned));
            Assert.Equal(expected, plan.Shortfalls);
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_ReportsTheRoundsLoads()
    {
        AnyFacts.Sample(facts =>
        {
            var plan = facts.Plan();

            var expected = AssignmentExpectations.Loads(facts, plan)
                .OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => new ReviewerLoad(l.Key, l.Value));
            Assert.Equal(expected, plan.Loads);
        }, iter: 500);
    }

    [Fact]
    public void Plan_AnyFacts_LeavesNoSeatThatALighterFreeReviewerCouldTake()
    {
        AnyFacts.Sample(facts =>
        {
            Assert.Null(AssignmentExpectations.FirstImprovingMove(facts, facts.Plan()));
        }, iter: 1_000);
    }

    [Fact]
    public void Plan_FirstRunWithoutConflicts_LoadsDifferByAtMostOne()
    {
        AssignmentCase.FirstRunWithoutConflicts.Sample(facts =>
        {
            var loads = facts.Plan().Loads.Select(l => l.Assigned).ToArray();

            Assert.InRange(loads.Max() - loads.Min(), 0, 1);
        }, iter: 500);
    }

    [Fact]
    public void Plan_SameFactsInAnyOrder_GivesTheSamePlan()
    {
        Gen.Select(AnyFacts, Gen.Int).Sample((facts, seed) =>
        {
            var plan = facts.Plan();
            var shuffled = facts.Shuffled(seed).Plan();

            Assert.Equal(plan.Assignments, shuffled.Assignments);
            Assert.Equal(plan.Shortfalls, shuffled.Shortfalls);
            Assert.Equal(plan.Loads, shuffled.Loads);
        }, iter: 500);
    }

    [Fact]
    public void Plan_RunAgainOnItsOwnResult_AddsNothing()
    {
        AnyFacts.Sample(facts =>
        {
            var first = facts.Plan();
            var second = facts.After(first).Plan();

            Assert.Empty(second.Assignments);
            Assert.Equal(first.Shortfalls, second.Shortfalls);
            Assert.Equal(first.Loads, second.Loads);
        }, iter: 500);
    }
}
