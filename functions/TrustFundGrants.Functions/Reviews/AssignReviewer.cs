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
/// The Secretariat puts one panel reviewer on one eligible application by hand, for the cases the
/// automatic run cannot judge (a specialist for a country, a gap the pool left). The same rules hold:
/// never a conflict (declared, or membership of the applicant organisation), never back onto an application the reviewer stepped back from.
/// An assignment by hand is a run of one: its email to the reviewer commits with it (<see cref="SendAssignmentEmail"/>).
/// </summary>
public sealed class AssignReviewer(
    Access access, RoundStore rounds, ApplicationStore applications, ReviewStores stores, ReviewerTies ties, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(AssignReviewer))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/assignments")] HttpRequest request,
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

        var body = await RequestJson.ReadAsync<AssignRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var now = time.GetUtcNow();
        if (RoundSchedule.StatusAt(round.OpensAt, round.ClosesAt, now) is RoundStatus.Upcoming or RoundStatus.Open)
        {
            return Problems.Conflict("Reviewers are assigned once the round has closed and every submission is in.");
        }

        var (applicationId, reviewerId) = (body.Value.ApplicationId, body.Value.ReviewerId);
        var (application, reviewer) = await FindPairAsync(roundId, applicationId, reviewerId, cancellationToken);
        if (application is null || reviewer is null)
        {
            return Problems.Validation(PairErrors(application, reviewer));
        }

        if (application.Status != ApplicationStatus.Eligible)
        {
            return Problems.Conflict($"Only eligible applications are reviewed; this one is {application.Status}.");
        }

        if ((await ties.OrganisationsOfAsync(reviewerId, reviewer.Email, cancellationToken)).Contains(application.OrganisationId))
        {
            return Problems.Conflict("This reviewer has a conflict of interest with the applicant organisation (declared, or a member of it).");
        }

        var rowKey = AssignmentEntity.RowKeyFor(applicationId, reviewerId);
        var found = await stores.Assignments.GetEntityIfExistsAsync<AssignmentEntity>(roundId, rowKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } existing
            ? await ReinstateAsync(existing, caller, cancellationToken)
            : await AddAsync(roundId, body.Value, application, caller, now, cancellationToken);
    }

    // Ids that are not even ids are not looked up: each answers as unknown.
    private async Task<(ApplicationEntity? Application, ReviewerEntity? Reviewer)> FindPairAsync(
        string roundId, string applicationId, string reviewerId, CancellationToken cancellationToken)
    {
        var application = Guid.TryParse(applicationId, out _)
            ? await applications.Client.GetEntityIfExistsAsync<ApplicationEntity>(roundId, applicationId, ["RowKey", "OrganisationId", "Status", "Title", "Reference"], cancellationToken)
            : null;
        var reviewer = Guid.TryParse(reviewerId, out _)
            ? await stores.Reviewers.GetEntityIfExistsAsync<ReviewerEntity>(roundId, reviewerId, cancellationToken: cancellationToken)
            : null;
        return (application is { HasValue: true } ? application.Value : null, reviewer is { HasValue: true } ? reviewer.Value : null);
    }

    private static Dictionary<string, string[]> PairErrors(ApplicationEntity? application, ReviewerEntity? reviewer)
    {
        var errors = new Dictionary<string, string[]>();
        if (application is null)
        {
            errors["applicationId"] = ["There is no application with this id in this round."];
        }

        if (reviewer is null)
        {
            errors["reviewerId"] = ["This person is not on the round's review panel; add them to the panel first."];
        }

        return errors;
    }

    private async Task<IResult> AddAsync(string roundId, AssignRequest pair, ApplicationEntity application, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (applicationId, reviewerId) = (pair.ApplicationId, pair.ReviewerId);
        var rowKey = AssignmentEntity.RowKeyFor(applicationId, reviewerId);
        var assignment = new AssignmentEntity
        {
            PartitionKey = roundId,
            RowKey = rowKey,
            ApplicationId = applicationId,
            ReviewerId = reviewerId,
            OrganisationId = application.OrganisationId,
            ApplicationTitle = application.Title,
            Reference = application.Reference,
            AssignedAt = now,
            RunId = Guid.CreateVersion7().ToString(),
        };
        var entry = audit.Stage(roundId, caller, "assignment.added", "application:" + applicationId, null, new { reviewerId });
        try
        {
            await CommitWithEmailAsync(new(TableTransactionActionType.Add, assignment), assignment, entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status409Conflict)
        {
            // An automatic run or a second click stored the same pair a moment ago: that is the outcome asked for.
            var stored = await stores.Assignments.GetEntityAsync<AssignmentEntity>(roundId, rowKey, cancellationToken: cancellationToken);
            return TypedResults.Ok(stored.Value.ToView());
        }

        var view = assignment.ToView();
        return TypedResults.Created("/api/assignments/" + view.Id, view);
    }

    // An assignment's email to its reviewer commits with it, then goes without waiting for the outbox's sweep.
    private async Task CommitWithEmailAsync(TableTransactionAction change, AssignmentEntity assignment, OutboxEntry entry, CancellationToken cancellationToken)
    {
        var email = outbox.Stage(assignment.PartitionKey, AssignmentEmailMessage.Queue, new AssignmentEmailMessage(assignment.PartitionKey, assignment.RunId, assignment.ReviewerId));
        await audit.CommitAsync(stores.Assignments, [change, new(TableTransactionActionType.Add, email)], entry, cancellationToken);
        await outbox.ReleaseAsync(ReviewStores.AssignmentsTable, email, cancellationToken);
    }

    /// <summary>Already there: unchanged if active; back on if the Secretariat had taken it off; refused if the reviewer stepped back.</summary>
    private async Task<IResult> ReinstateAsync(AssignmentEntity existing, Caller caller, CancellationToken cancellationToken)
    {
        if (!existing.Recused)
        {
            return TypedResults.Ok(existing.ToView());
        }

        if (!existing.Removed || existing.Conflicted)
        {
            return Problems.Conflict("This reviewer stepped back from this application; ask them before assigning it again.");
        }

        existing.Recused = false;
        existing.Removed = false;
        existing.RunId = Guid.CreateVersion7().ToString();
        var entry = audit.Stage(existing.PartitionKey, caller, "assignment.reinstated", "application:" + existing.ApplicationId, null, new { reviewerId = existing.ReviewerId });
        try
        {
            await CommitWithEmailAsync(new(TableTransactionActionType.UpdateReplace, existing, existing.ETag), existing, entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return TypedResults.Ok(existing.ToView());
    }
}

public sealed record AssignRequest(string ApplicationId, string ReviewerId);
