namespace TrustFundGrants.Domain;

/// <summary>
/// The working state of one assignment run. Applications and reviewers are held by their position in
/// ordinal id order, so "the lowest position" is the deterministic tie-break everywhere.
/// </summary>
internal sealed class AssignmentBoard
{
    private readonly EligibleApplication[] applications;
    private readonly string[] reviewers;
    private readonly int perApplication;
    private readonly Dictionary<string, int> applicationIndex;
    private readonly Dictionary<string, int> reviewerIndex;
    private readonly int[] load;
    private readonly int[] kept;

    // closed[application][reviewer]: the reviewer may not be newly given the application (a conflict, an
    // existing or recused assignment, or a seat this run already gave them). Jagged bool arrays keep the
    // test O(1) without hashing; at 2,000 × 40 that is 80 KB.
    private readonly bool[][] closed;
    private readonly List<int>[] added;

    public AssignmentBoard(EligibleApplication[] applications, string[] reviewers, int perApplication)
    {
        this.applications = applications;
        this.reviewers = reviewers;
        this.perApplication = perApplication;
        applicationIndex = Index(applications.Select(a => a.ApplicationId));
        reviewerIndex = Index(reviewers);
        load = new int[reviewers.Length];
        kept = new int[applications.Length];
        closed = [.. applications.Select(_ => new bool[reviewers.Length])];
        added = [.. applications.Select(_ => new List<int>(perApplication))];
    }

    public void Exclude(IEnumerable<DeclaredConflict> conflicts)
    {
        var byOrganisation = conflicts
            .Where(c => reviewerIndex.ContainsKey(c.ReviewerId))
            .ToLookup(c => c.OrganisationId, c => reviewerIndex[c.ReviewerId], StringComparer.Ordinal);
        for (var a = 0; a < applications.Length; a++)
        {
            foreach (var r in byOrganisation[applications[a].OrganisationId])
            {
                closed[a][r] = true;
            }
        }
    }

    /// <summary>
    /// Takes existing assignments as facts. An active one counts towards its application even when its
    /// reviewer has left the pool or declared a conflict since; undoing it is a decision for a person.
    /// Assignments on applications not given (withdrawn since, say) are no work and count for nothing.
    /// </summary>
    public void Keep(IEnumerable<ExistingAssignment> existing)
    {
        var counted = new HashSet<(int, string)>();
        foreach (var assignment in existing)
        {
            if (!applicationIndex.TryGetValue(assignment.ApplicationId, out var a))
            {
                continue;
            }

            var inPool = reviewerIndex.TryGetValue(assignment.ReviewerId, out var r);
            if (inPool)
            {
                closed[a][r] = true;
            }

            if (!assignment.Recused && counted.Add((a, assignment.ReviewerId)))
            {
                kept[a]++;
                if (inPool)
                {
                    load[r]++;
                }
            }
        }
    }

    /// <summary>
    /// Greedy: each open seat goes to the least-loaded reviewer free to take it. Applications with the
    /// fewest free reviewers go first, while those reviewers still have room, so the loads the constrained
    /// ones force are spread before the easy ones are placed. Whether a seat can be filled depends only on
    /// the application's own free reviewers, so every application gets its seats when its pool allows.
    /// </summary>
    public void Fill()
    {
        var order = Enumerable.Range(0, applications.Length)
            .OrderBy(a => closed[a].Count(isClosed => !isClosed))
            .ThenBy(a => a);
        foreach (var a in order)
        {
            for (var seat = kept[a]; seat < perApplication; seat++)
            {
                var r = LeastLoadedOpen(a);
                if (r < 0)
                {
                    break;
                }

                added[a].Add(r);
                closed[a][r] = true;
                load[r]++;
            }
        }
    }

    /// <summary>
    /// Greedy order can still leave a reviewer two above someone free to take one of their new seats
    /// (conflicts make later applications lean on the same people). Each such move lowers the sum of
    /// squared loads by at least 2, so the loop ends, and it ends only when no move is left.
    /// </summary>
    public void Rebalance()
    {
        bool moved;
        do
        {
            moved = false;
            for (var a = 0; a < applications.Length; a++)
            {
                for (var seat = 0; seat < added[a].Count; seat++)
                {
                    var heavier = added[a][seat];
                    var lighter = LeastLoadedOpen(a);
                    if (lighter >= 0 && load[heavier] - load[lighter] >= 2)
                    {
                        added[a][seat] = lighter;
                        closed[a][heavier] = false;
                        closed[a][lighter] = true;
                        load[heavier]--;
                        load[lighter]++;
                        moved = true;
                    }
                }
            }
        }
        while (moved);
    }

    public AssignmentPlan ToPlan()
    {
        var assignments = new List<NewAssignment>();
        var shortfalls = new List<AssignmentShortfall>();
        for (var a = 0; a < applications.Length; a++)
        {
            var id = applications[a].ApplicationId;
            assignments.AddRange(added[a].Order().Select(r => new NewAssignment(id, reviewers[r])));
            var assigned = kept[a] + added[a].Count;
            if (assigned < perApplication)
            {
                shortfalls.Add(new AssignmentShortfall(id, assigned, perApplication - assigned));
            }
        }

        var loads = reviewers.Select((id, r) => new ReviewerLoad(id, load[r])).ToArray();
        return new AssignmentPlan(assignments, shortfalls, loads);
    }

    // A linear scan: a panel is tens of reviewers, and a heap would still have to step over the closed ones.
    // Strict '<' keeps the lowest position, and so the lowest id, on a tie.
    private int LeastLoadedOpen(int a)
    {
        var best = -1;
        for (var r = 0; r < reviewers.Length; r++)
        {
            if (!closed[a][r] && (best < 0 || load[r] < load[best]))
            {
                best = r;
            }
        }

        return best;
    }

    private static Dictionary<string, int> Index(IEnumerable<string> sortedIds) =>
        sortedIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
}
