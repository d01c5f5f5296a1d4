using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// Submits a complete draft before the deadline. The status change and the work it owes (screening,
/// the acknowledgement email) commit in one transaction through the outbox, so neither happens
/// without the other; the commit releases the work at once. Submitting again answers the same 202 and starts no second piece of work.
/// </summary>
public sealed class SubmitApplication(
    Access access, ApplicationStore applications, DocumentStore documents, RoundStore rounds, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SubmitApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/submit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        Activity.Current?.SetTag("tfg.application.id", id);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application))
            {
                return Problems.NotFound();
            }

            if (application.Status == ApplicationStatus.Withdrawn)
            {
                return Problems.Conflict("This application was withdrawn.");
            }

            if (application.Status != ApplicationStatus.Draft)
            {
                return Accepted(application);
            }

            var round = await rounds.TermsAsync(application.PartitionKey, cancellationToken)
                ?? throw new InvalidOperationException($"Application {id} names round {application.PartitionKey}, which does not exist.");
            var now = time.GetUtcNow();
            if (now >= round.ClosesAt)
            {
                return Problems.Conflict(
                    $"The deadline was {RoundSchedule.InZone(round.ClosesAt, round.TimeZone):yyyy-MM-dd HH:mm} {round.TimeZone} time; this round no longer takes submissions.");
            }

            var files = await documents.ListAsync(application, cancellationToken);
            if (Completeness.Check(application, round, files.Select(f => f.Type).ToArray()) is { Count: > 0 } missing)
            {
                return Problems.Validation(missing, "The application is not complete yet; see errors for what is missing.");
            }

            if (await TrySubmitAsync(application, caller, now, cancellationToken))
            {
                return Accepted(application);
            }

            // Changed meanwhile, perhaps by this same submission from another tab: read again and decide again.
        }

        return Problems.PreconditionFailed();
    }

    // The status change and the work it owes commit together under the ETag of the read that found a draft; false when that read is stale.
    private async Task<bool> TrySubmitAsync(ApplicationEntity application, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        application.Status = ApplicationStatus.Submitted;
        application.SubmittedAt = now;
        application.UpdatedAt = now;
        application.SubmittedByEmail = caller.Email;
        application.Reference = $"TFG-{now.Year}-{application.RowKey[^12..].ToUpperInvariant()}";
        var screening = outbox.Stage(application.PartitionKey, ScreeningMessage.Queue, new ScreeningMessage(application.PartitionKey, application.RowKey));
        var acknowledgement = outbox.Stage(
            application.PartitionKey,
            ApplicationEmailMessage.Queue,
            new ApplicationEmailMessage(application.PartitionKey, application.RowKey, ApplicationEmailMessage.Kinds.Acknowledgement));
        var entry = audit.Stage(
            application.PartitionKey, caller, "application.submitted", "application:" + application.RowKey, new { status = ApplicationStatus.Draft }, new { application.Status, application.Reference });
        try
        {
            await audit.CommitAsync(
                applications.Client,
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, application.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, screening),
                    new TableTransactionAction(TableTransactionActionType.Add, acknowledgement),
                ],
                entry,
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    private static IResult Accepted(ApplicationEntity application) =>
        TypedResults.Json(new SubmissionReceipt(application.RowKey, application.Status, application.Reference, application.SubmittedAt), statusCode: StatusCodes.Status202Accepted);
}

public sealed record SubmissionReceipt(string Id, string Status, string? Reference, DateTimeOffset? SubmittedAt);
