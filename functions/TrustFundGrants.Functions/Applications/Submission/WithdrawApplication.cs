using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>An applicant withdraws their application at any point until a decision is made.</summary>
public sealed class WithdrawApplication(Access access, ApplicationStore applications, AuditLog audit, TimeProvider time)
{
    private static readonly string[] Withdrawable =
        [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Eligible, ApplicationStatus.Ineligible, "UnderReview"];

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

        var caller = session.Caller;

        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application))
        {
            return Problems.NotFound();
        }

        if (application.Status == ApplicationStatus.Withdrawn)
        {
            return TypedResults.Ok(ApplicationSummary.From(application));
        }

        if (!Withdrawable.Contains(application.Status))
        {
            return Problems.Conflict($"This application is {application.Status}; a decided application cannot be withdrawn.");
        }

        var before = application.Status;
        application.Status = ApplicationStatus.Withdrawn;
        application.UpdatedAt = time.GetUtcNow();
        var entry = audit.Stage(application.PartitionKey, caller, "application.withdrawn", "application:" + id, new { status = before }, new { application.Status });
        try
        {
            await audit.CommitAsync(applications.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, application.ETag)], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return TypedResults.Ok(ApplicationSummary.From(application));
    }
}
