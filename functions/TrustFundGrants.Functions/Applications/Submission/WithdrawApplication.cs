using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Decisions;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Concurrency;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// An applicant withdraws their application at any point until decisions are released. A held approval
/// goes with it: its amount leaves the round's ledger in the same transaction, under the ledger's ETag,
/// so the envelope it held is free for other applications at once.
/// </summary>
public sealed class WithdrawApplication(Access access, ApplicationStore applications, AuditLog audit, ConflictRetry retry, TimeProvider time)
{
    [Function(nameof(WithdrawApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/withdraw")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        return await retry.RunAsync(ct => WithdrawAsync(session.Caller, id, ct), Problems.PreconditionFailed, cancellationToken);
    }

    /// <summary>One read-check-write; null when the application or the ledger changed between the read and the write.</summary>
    private async Task<IResult?> WithdrawAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application))
        {
            return Problems.NotFound();
        }

        if (application.Status == ApplicationStatus.Withdrawn)
        {
            return TypedResults.Ok(ApplicationSummary.From(application));
        }

        if (!ApplicationLifecycle.MayWithdraw(application.Status))
        {
            return Problems.Conflict($"This application is {application.Status}; a decided application cannot be withdrawn.");
        }

        var before = new { application.Status, application.DecisionOutcome, application.ApprovedMinor };
        var writes = new List<TableTransactionAction>();
        if (application.ApprovedMinor is { } held and not 0)
        {
            var ledger = await RoundLedger.ReadAsync(applications.Client, application.PartitionKey, cancellationToken);
            writes.Add(ledger.WriteTotal(ledger.ApprovedMinor - held));
        }

        // A withdrawn application holds no decision: the audit entry keeps what it was.
        application.Status = ApplicationStatus.Withdrawn;
        application.DecisionOutcome = null;
        application.ApprovedMinor = null;
        application.UpdatedAt = time.GetUtcNow();
        writes.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, application.ETag));
        var entry = audit.Stage(application.PartitionKey, caller, "application.withdrawn", "application:" + id, before, new { application.Status });
        return await Optimistic.TryCommitAsync(() => audit.CommitAsync(applications.Client, writes, entry, cancellationToken))
            ? TypedResults.Ok(ApplicationSummary.From(application))
            : null;
    }
}
