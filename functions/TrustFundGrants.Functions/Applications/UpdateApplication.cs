using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications;

/// <summary>Saves a draft. Only drafts change, and only with the ETag last read (If-Match).</summary>
public sealed class UpdateApplication(Access access, ApplicationStore applications, DocumentStore documents, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(UpdateApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "applications/{id}")] HttpRequest request,
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

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return missing;
        }

        if (application.Status != ApplicationStatus.Draft)
        {
            return Problems.Conflict($"This application is {application.Status}; only drafts can be edited.");
        }

        var body = await RequestJson.ReadAsync<ApplicationDraft>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var round = await rounds.TermsAsync(application.PartitionKey, cancellationToken)
            ?? throw new InvalidOperationException($"Application {id} names round {application.PartitionKey}, which does not exist.");
        var questions = round.EligibilityQuestions().Select(q => q.Id).ToArray();
        var errors = new Dictionary<string, string[]>();
        var before = ApplicationSummary.From(application);
        if (!body.Value.TryApply(application, CurrencyCode.Parse(round.Currency), questions, errors))
        {
            return Problems.Validation(errors);
        }

        application.UpdatedAt = time.GetUtcNow();
        var entry = audit.Stage(application.PartitionKey, caller, "application.updated", "application:" + id, before, ApplicationSummary.From(application));
        ETag etag;
        try
        {
            etag = (await audit.CommitAsync(applications.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, ifMatch)], entry, cancellationToken))[0];
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        var files = await documents.ListAsync(application, cancellationToken);
        return TypedResults.Ok(ApplicationView.From(application, files.Select(f => f.ToView()).ToArray()));
    }
}
