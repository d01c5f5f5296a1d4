namespace TrustFundGrants.Domain.Tests;

/// <summary>
/// The assignment rules restated the slow, obvious way, straight from the facts, so that the properties do not
/// lean on the planner's own bookkeeping.
/// </summary>
internal static class AssignmentExpectations
{
    public static bool IsConflicted(AssignmentCase facts, string reviewerId, string organisationId) =>
        facts.Conflicts.Any(c => c.ReviewerId == reviewerId && c.OrganisationId == organisationId);

    /// <summary>May be newly given the application: in the pool, no conflict, no existing or recused assignment on it.</summary>
    public static bool IsFree(AssignmentCase facts, EligibleApplication application, string reviewerId) =>
        facts.Reviewers.Contains(reviewerId)
        && !IsConflicted(facts, reviewerId, application.OrganisationId)
        && !facts.Existing.Any(e => e.ApplicationId == application.ApplicationId && e.ReviewerId == reviewerId);

    /// <summary>Distinct reviewers actively assigned before the plan, whether or not still in the pool.</summary>
    public static int Kept(AssignmentCase facts, string applicationId) =>
        facts.Existing.Where(e => e.ApplicationId == applicationId && !e.Recused).Select(e => e.ReviewerId).Distinct().Count();

    /// <summary>How many reviewers the application should have once the plan is stored.</summary>
    public static int ExpectedAssigned(AssignmentCase facts, EligibleApplication application)
    {
        var kept = Kept(facts, application.ApplicationId);
        var free = facts.Reviewers.Count(r => IsFree(facts, application, r));
        return kept >= facts.PerApplication ? kept : Math.Min(facts.PerApplication, kept + free);
    }

    /// <summary>Each pool reviewer's active assignments on the given applications, existing plus new.</summary>
    public static Dictionary<string, int> Loads(AssignmentCase facts, AssignmentPlan plan)
    {
        var applications = facts.Applications.Select(a => a.ApplicationId).ToHashSet();
        var active = facts.Existing
            .Where(e => !e.Recused && applications.Contains(e.ApplicationId))
            .Select(e => (e.ApplicationId, e.ReviewerId))
            .Concat(plan.Assignments.Select(n => (n.ApplicationId, n.ReviewerId)))
            .Distinct()
            .ToList();
        var counts = active.CountBy(p => p.ReviewerId).ToDictionary();
        return facts.Reviewers.ToDictionary(r => r, r => counts.GetValueOrDefault(r));
    }

    /// <summary>
    /// The balance invariant: for every new assignment, nobody free to take it instead has two or more fewer
    /// assignments. Returns the first counter-example, or null. Built on sets, since it also checks a full-size round.
    /// </summary>
    public static string? FirstImprovingMove(AssignmentCase facts, AssignmentPlan plan)
    {
        var loads = Loads(facts, plan);
        var organisationOf = facts.Applications.ToDictionary(a => a.ApplicationId, a => a.OrganisationId);
        var conflicts = facts.Conflicts.Select(c => (c.ReviewerId, c.OrganisationId)).ToHashSet();
        var taken = facts.Existing.Select(e => (e.ApplicationId, e.ReviewerId))
            .Concat(plan.Assignments.Select(n => (n.ApplicationId, n.ReviewerId)))
            .ToHashSet();
        foreach (var assignment in plan.Assignments)
        {
            var lighter = facts.Reviewers.FirstOrDefault(r =>
                !conflicts.Contains((r, organisationOf[assignment.ApplicationId]))
                && !taken.Contains((assignment.ApplicationId, r))
                && loads[assignment.ReviewerId] - loads[r] >= 2);
            if (lighter is not null)
            {
                return $"{assignment.ReviewerId} ({loads[assignment.ReviewerId]}) holds {assignment.ApplicationId}, "
                    + $"which {lighter} ({loads[lighter]}) is free to take";
            }
        }

        return null;
    }
}
