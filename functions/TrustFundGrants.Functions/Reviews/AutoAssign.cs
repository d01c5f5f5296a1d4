using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// After a round closes, gives every eligible application its reviewers from the round's panel:
/// never a reviewer tied to the applicant (declared, or a member of it), loads balanced, the same result for the same facts.
/// Running it again only fills gaps (after a recusal, or when reviewers join the panel).
/// Each reviewer given applications gets one email for the run listing them all (<see cref="SendAssignmentEmail"/>):
/// its outbox row commits with their assignments, and is released only once every batch has committed,
/// so the email never goes out before the run's last applications are stored.
/// </summary>
public sealed class AutoAssign(
    Access access, RoundStore rounds, ApplicationStore applications, ReviewStores stores, ReviewerTies ties, Outbox outbox, AuditLog audit, TimeProvider time)
{
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
        var raced = await StoreAsync(roundId, caller, plan, a => new AssignmentEntity
        {
            PartitionKey = roundId,
            RowKey = AssignmentEntity.RowKeyFor(a.ApplicationId, a.ReviewerId),
            ApplicationId = a.ApplicationId,
            ReviewerId = a.ReviewerId,
            OrganisationId = organisationOf[a.ApplicationId],
            ApplicationTitle = titles[a.ApplicationId].Title,
            Reference = titles[a.ApplicationId].Reference,
            AssignedAt = now,
        }, cancellationToken);

        if (raced)
        {
            return Problems.Conflict("Another assignment run stored reviewers at the same time. Run it again to fill any gap that is left.");
        }

        return TypedResults.Ok(new AssignmentRunView(plan.Assignments.Count, plan.Shortfalls, plan.Loads));
    }

    /// <summary>Commits the plan batch by batch, then releases the reviewers' emails; answers whether another run raced it.</summary>
    private async Task<bool> StoreAsync(string roundId, Caller caller, AssignmentPlan plan, Func<NewAssignment, AssignmentEntity> row, CancellationToken cancellationToken)
    {
        var runId = Guid.CreateVersion7().ToString();
        var raced = false;
        var emails = new System.Collections.Concurrent.ConcurrentBag<OutboxEntry>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(AssignmentBatches.Pack(plan.Assignments), options, async (batch, ct) =>
        {
            var entry = audit.Stage(
                roundId, caller, "round.reviewers-assigned", "round:" + roundId, null, new { added = batch.Assignments.Count, shortfalls = plan.Shortfalls.Count });
            var owed = batch.Notified.Select(r => outbox.Stage(roundId, AssignmentEmailMessage.Queue, new AssignmentEmailMessage(roundId, runId, r))).ToArray();
            try
            {
                await audit.CommitAsync(
                    stores.Assignments,
                    [
                        .. batch.Assignments.Select(a => new TableTransactionAction(TableTransactionActionType.Add, InRun(row(a)))),
                        .. owed.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)),
                    ],
                    entry,
                    ct);
                foreach (var email in owed)
                {
                    emails.Add(email);
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
            {
                // Another run stored some of these pairs first; each batch is atomic, so what either run stored stands whole.
                raced = true;
            }
        });

        foreach (var email in emails)
        {
            await outbox.ReleaseAsync(ReviewStores.AssignmentsTable, email, cancellationToken);
        }

        return raced;

        AssignmentEntity InRun(AssignmentEntity assignment)
        {
            assignment.RunId = runId;
            return assignment;
        }
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

    /// <summary>Declarations are kept per reviewer, so the panel's (with each one's membership) are read a few at once.</summary>
    private async Task<List<DeclaredConflict>> ConflictsAsync(IReadOnlyList<ReviewerEntity> pool, CancellationToken cancellationToken)
    {
        var declared = new System.Collections.Concurrent.ConcurrentBag<DeclaredConflict>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pool, options, async (reviewer, ct) =>
        {
            foreach (var organisationId in await ties.OrganisationsOfAsync(reviewer.RowKey, reviewer.Email, ct))
            {
                declared.Add(new DeclaredConflict(reviewer.RowKey, organisationId));
            }
        });

        // Sorted, so the plan's inputs (and so its result) do not depend on which query answered first.
        return declared.OrderBy(c => c.ReviewerId, StringComparer.Ordinal).ThenBy(c => c.OrganisationId, StringComparer.Ordinal).ToList();
    }
}

public sealed record AssignmentRunView(int Added, IReadOnlyList<AssignmentShortfall> Shortfalls, IReadOnlyList<ReviewerLoad> Loads);
