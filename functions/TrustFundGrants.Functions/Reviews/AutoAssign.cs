using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// After a round closes, gives every eligible application its reviewers from the round's panel:
/// never a reviewer tied to the applicant, loads balanced, the same result for the same facts.
/// Running it again only fills gaps (after a recusal, or when reviewers join the panel).
/// </summary>
public sealed class AutoAssign(
    Access access, RoundStore rounds, ApplicationStore applications, ReviewStores stores, AuditLog audit, TimeProvider time)
{
    // An entity-group transaction holds at most 100 actions: 99 assignments and the batch's audit entry.
    private const int BatchSize = 99;

    // Batches of one partition may commit side by side; a few at once keep a 2,000-application round's
    // 60 transactions from queueing one behind another, without flooding the account.
    private const int Concurrency = 4;

    [Function(nameof(AutoAssign))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/assignments/auto")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        if (RoundSchedule.StatusAt(round.OpensAt, round.ClosesAt, now) is RoundStatus.Upcoming or RoundStatus.Open)
        {
            return Problems.Conflict("Reviewers are assigned once the round has closed and every submission is in.");
        }

        // The four reads depend on none of each other; on Azure each is a round trip of its own.
        var titles = new Dictionary<string, (string Title, string? Reference)>(StringComparer.Ordinal);
        var eligibleRead = EligibleAsync(roundId, titles, cancellationToken);
        var poolRead = ReviewStores.PartitionAsync<ReviewerEntity>(stores.Reviewers, roundId, cancellationToken);
        var existingRead = ReviewStores.PartitionAsync<AssignmentEntity>(stores.Assignments, roundId, cancellationToken, ["ApplicationId", "ReviewerId", "Recused"]);
        var pool = await poolRead;
        var conflicts = await ConflictsAsync(pool, cancellationToken);
        var (eligible, existing) = (await eligibleRead, await existingRead);
        var plan = ReviewerAssignment.Plan(
            eligible,
            pool.Select(r => r.RowKey),
            conflicts,
            existing.Select(a => new ExistingAssignment(a.ApplicationId, a.ReviewerId, a.Recused)),
            round.ReviewersPerApplication);

        var organisationOf = eligible.ToDictionary(a => a.ApplicationId, a => a.OrganisationId, StringComparer.Ordinal);
        var raced = false;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(plan.Assignments.Chunk(BatchSize), options, async (batch, ct) =>
        {
            var entry = audit.Stage(
                roundId, caller, "round.reviewers-assigned", "round:" + roundId, null, new { added = batch.Length, shortfalls = plan.Shortfalls.Count });
            try
            {
                await audit.CommitAsync(
                    stores.Assignments,
                    batch.Select(a => new TableTransactionAction(TableTransactionActionType.Add, new AssignmentEntity
                    {
                        PartitionKey = roundId,
                        RowKey = AssignmentEntity.RowKeyFor(a.ApplicationId, a.ReviewerId),
                        ApplicationId = a.ApplicationId,
                        ReviewerId = a.ReviewerId,
                        OrganisationId = organisationOf[a.ApplicationId],
                        ApplicationTitle = titles[a.ApplicationId].Title,
                        Reference = titles[a.ApplicationId].Reference,
                        AssignedAt = now,
                    })).ToArray(),
                    entry,
                    ct);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // Another run stored some of these pairs first; each batch is atomic, so what either run stored stands whole.
                raced = true;
            }
        });

        if (raced)
        {
            return Problems.Conflict("Another assignment run stored reviewers at the same time. Run it again to fill any gap that is left.");
        }

        return TypedResults.Ok(new AssignmentRunView(plan.Assignments.Count, plan.Shortfalls, plan.Loads));
    }

    private async Task<List<EligibleApplication>> EligibleAsync(string roundId, Dictionary<string, (string Title, string? Reference)> titles, CancellationToken cancellationToken)
    {
        var eligible = new List<EligibleApplication>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and Status eq {ApplicationStatus.Eligible}");
        await foreach (var application in applications.Client.QueryAsync<ApplicationEntity>(filter, select: ["RowKey", "OrganisationId", "Title", "Reference"], cancellationToken: cancellationToken))
        {
            eligible.Add(new EligibleApplication(application.RowKey, application.OrganisationId));
            titles[application.RowKey] = (application.Title, application.Reference);
        }

        return eligible;
    }

    /// <summary>Declarations are kept per reviewer, so the panel's are one query each, run a few at once.</summary>
    private async Task<List<DeclaredConflict>> ConflictsAsync(IReadOnlyList<ReviewerEntity> pool, CancellationToken cancellationToken)
    {
        var declared = new System.Collections.Concurrent.ConcurrentBag<DeclaredConflict>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pool, options, async (reviewer, ct) =>
        {
            foreach (var conflict in await ReviewStores.PartitionAsync<ConflictEntity>(stores.Conflicts, reviewer.RowKey, ct))
            {
                declared.Add(new DeclaredConflict(reviewer.RowKey, conflict.RowKey));
            }
        });

        // Sorted, so the plan's inputs (and so its result) do not depend on which query answered first.
        return declared.OrderBy(c => c.ReviewerId, StringComparer.Ordinal).ThenBy(c => c.OrganisationId, StringComparer.Ordinal).ToList();
    }
}

public sealed record AssignmentRunView(int Added, IReadOnlyList<AssignmentShortfall> Shortfalls, IReadOnlyList<ReviewerLoad> Loads);
