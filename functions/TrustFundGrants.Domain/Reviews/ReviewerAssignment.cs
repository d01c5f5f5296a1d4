namespace TrustFundGrants.Domain;

/// <summary>
/// Gives each eligible application its reviewers: never someone who declared a conflict with the applicant
/// organisation, never someone who already holds or recused from it, and with loads kept even.
/// <para>
/// Load is a reviewer's active (not recused) assignments on the given applications, existing plus new.
/// "Balanced where conflicts allow" means: no new assignment could be handed to another reviewer who is
/// free to take it (no conflict, no existing or recused assignment on it, not already given it) and who
/// has at least two fewer assignments. That is the move a Secretariat would suggest on seeing the loads,
/// and no such move is left. In a first run without conflicts it is the same as largest minus smallest
/// load at most 1, because a lighter reviewer is then free to take any application of a heavier one that
/// they are not already on, and with two fewer they cannot be on all of them. Existing assignments are
/// never moved, so a gap left by a recusal may leave the spread at 2: the recused reviewer cannot take
/// the application back and nobody else's work is taken away.
/// </para>
/// <para>
/// Every choice is made in ordinal id order, so the same facts give the same plan whatever order they
/// arrive in, and a second run over the stored result finds no gap to fill.
/// </para>
/// </summary>
public static class ReviewerAssignment
{
    public static AssignmentPlan Plan(
        IEnumerable<EligibleApplication> applications,
        IEnumerable<string> reviewers,
        IEnumerable<DeclaredConflict> conflicts,
        IEnumerable<ExistingAssignment> existing,
        int reviewersPerApplication)
    {
        ArgumentNullException.ThrowIfNull(applications);
        ArgumentNullException.ThrowIfNull(reviewers);
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reviewersPerApplication);

        var sortedApplications = applications
            .Select(a => a is { ApplicationId: { Length: > 0 }, OrganisationId: { Length: > 0 } }
                ? a
                : throw new ArgumentException("Every application needs an application id and an organisation id.", nameof(applications)))
            .OrderBy(a => a.ApplicationId, StringComparer.Ordinal)
            .ToArray();
        RequireDistinct(sortedApplications.Select(a => a.ApplicationId), nameof(applications));

        var pool = reviewers
            .Select(r => string.IsNullOrEmpty(r) ? throw new ArgumentException("Every reviewer needs an id.", nameof(reviewers)) : r)
            .Order(StringComparer.Ordinal)
            .ToArray();
        RequireDistinct(pool, nameof(reviewers));

        var board = new AssignmentBoard(sortedApplications, pool, reviewersPerApplication);
        board.Exclude(conflicts.Select(c => c ?? throw new ArgumentException("A conflict is missing.", nameof(conflicts))));
        board.Keep(existing.Select(e => e ?? throw new ArgumentException("An assignment is missing.", nameof(existing))));
        board.Fill();
        board.Rebalance();
        return board.ToPlan();
    }

    // A repeated id is a caller's mistake (two rows for one application could even name two organisations), not something to guess about.
    private static void RequireDistinct(IEnumerable<string> sortedIds, string parameter)
    {
        string? previous = null;
        foreach (var id in sortedIds)
        {
            if (string.Equals(id, previous, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{id}' appears more than once.", parameter);
            }

            previous = id;
        }
    }
}
