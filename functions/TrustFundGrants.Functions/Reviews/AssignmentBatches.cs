using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// One transaction of an assignment run: its new assignments, and the reviewers whose "you have
/// applications to review" email commits with them (each reviewer's once per run, in the batch of their
/// first assignment).
/// </summary>
public sealed record AssignmentBatch(IReadOnlyList<NewAssignment> Assignments, IReadOnlyList<string> Notified);

/// <summary>
/// Packs a run's assignments into entity-group transactions of at most 100 actions: assignments, one
/// outbox row per reviewer first met in the batch, and the batch's audit entry. A reviewer's assignments
/// are kept together (up to a batch's worth), so a batch refused whole (another run raced it) takes a
/// reviewer's assignments and their email with it, never one without the other.
/// </summary>
public static class AssignmentBatches
{
    public const int MaxActions = 100;

    public static IReadOnlyList<AssignmentBatch> Pack(IEnumerable<NewAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var batches = new List<AssignmentBatch>();
        var current = new List<NewAssignment>();
        var notified = new List<string>();
        var notifiedInRun = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in assignments.GroupBy(a => a.ReviewerId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var theirs = group.ToList();
            if (current.Count + notified.Count + 1 + theirs.Count + 1 > MaxActions && current.Count > 0)
            {
                Close();
            }

            foreach (var assignment in theirs)
            {
                var isNew = !notifiedInRun.Contains(assignment.ReviewerId);
                if (current.Count + notified.Count + (isNew ? 1 : 0) + 1 + 1 > MaxActions)
                {
                    Close();
                }

                if (notifiedInRun.Add(assignment.ReviewerId))
                {
                    notified.Add(assignment.ReviewerId);
                }

                current.Add(assignment);
            }
        }

        if (current.Count > 0)
        {
            Close();
        }

        return batches;

        void Close()
        {
            batches.Add(new AssignmentBatch(current.ToArray(), notified.ToArray()));
            current.Clear();
            notified.Clear();
        }
    }
}
