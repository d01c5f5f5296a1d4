namespace TrustFundGrants.Domain;

/// <summary>
/// What one run of <see cref="ReviewerAssignment.Plan"/> adds to a round. Existing assignments are never
/// part of it: a reviewer may have started reading, so a plan only ever fills gaps.
/// </summary>
/// <param name="Assignments">New assignments, ordered by application id then reviewer id (ordinal).</param>
/// <param name="Shortfalls">Applications still short of reviewers after the plan, ordered by application id.</param>
/// <param name="Loads">Every pool reviewer's active assignments over the round once the plan is stored, ordered by reviewer id.</param>
public sealed record AssignmentPlan(
    IReadOnlyList<NewAssignment> Assignments,
    IReadOnlyList<AssignmentShortfall> Shortfalls,
    IReadOnlyList<ReviewerLoad> Loads);

public sealed record NewAssignment(string ApplicationId, string ReviewerId);

/// <summary>
/// Too few reviewers are free of conflicts and recusals for this application; the Secretariat has to
/// widen the pool or assign by hand, so the plan says by how many rather than leaving it unnoticed.
/// </summary>
public sealed record AssignmentShortfall(string ApplicationId, int Assigned, int Missing);

public sealed record ReviewerLoad(string ReviewerId, int Assigned);
