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
    private const int BatchSize = 100;

    [Function(nameof(AutoAssign))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/assignments/auto")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var (caller, denied) = await access.RequireAsync(request, Roles.Secretariat);
        if (denied is not null)
        {
            return denied;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        if (RoundSchedule.StatusAt(round.OpensAt, round.ClosesAt, now) is RoundStatus.Upcoming or RoundStatus.Open)
        {
            return Problems.Conflict("Reviewers are assigned once the round has closed and every submission is in.");
        }

        var eligible = new List<EligibleApplication>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and Status eq {ApplicationStatus.Eligible}");
        await foreach (var application in applications.Client.QueryAsync<ApplicationEntity>(filter, select: ["RowKey", "OrganisationId"], cancellationToken: cancellationToken))
        {
            eligible.Add(new EligibleApplication(application.RowKey, application.OrganisationId));
        }

        var pool = await ReviewStores.PartitionAsync<ReviewerEntity>(stores.Reviewers, roundId, cancellationToken);
        var conflicts = new List<DeclaredConflict>();
        foreach (var reviewer in pool)
        {
            var declared = await ReviewStores.PartitionAsync<ConflictEntity>(stores.Conflicts, reviewer.RowKey, cancellationToken);
            conflicts.AddRange(declared.Select(c => new DeclaredConflict(reviewer.RowKey, c.RowKey)));
        }

        var existing = await ReviewStores.PartitionAsync<AssignmentEntity>(stores.Assignments, roundId, cancellationToken);
        var plan = ReviewerAssignment.Plan(
            eligible,
            pool.Select(r => r.RowKey),
            conflicts,
            existing.Select(a => new ExistingAssignment(a.ApplicationId, a.ReviewerId, a.Recused)),
            round.ReviewersPerApplication);

        var organisationOf = eligible.ToDictionary(a => a.ApplicationId, a => a.OrganisationId, StringComparer.Ordinal);
        try
        {
            foreach (var batch in plan.Assignments.Chunk(BatchSize))
            {
                await stores.Assignments.SubmitTransactionAsync(
                    batch.Select(a => new TableTransactionAction(TableTransactionActionType.Add, new AssignmentEntity
                    {
                        PartitionKey = roundId,
                        RowKey = AssignmentEntity.RowKeyFor(a.ApplicationId, a.ReviewerId),
                        ApplicationId = a.ApplicationId,
                        ReviewerId = a.ReviewerId,
                        OrganisationId = organisationOf[a.ApplicationId],
                        AssignedAt = now,
                    })),
                    cancellationToken);
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            // Another run got there first; what it stored stands, and running again fills whatever gap is left.
            return Problems.Conflict("Another assignment run stored reviewers at the same time. Run it again to fill any gap that is left.");
        }

        await audit.RecordAsync(caller!, "round.reviewers-assigned", "round:" + roundId, null, new { added = plan.Assignments.Count, shortfalls = plan.Shortfalls.Count }, cancellationToken);
        return TypedResults.Ok(new AssignmentRunView(plan.Assignments.Count, plan.Shortfalls, plan.Loads));
    }
}

public sealed record AssignmentRunView(int Added, IReadOnlyList<AssignmentShortfall> Shortfalls, IReadOnlyList<ReviewerLoad> Loads);
