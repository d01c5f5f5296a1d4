using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Concurrency;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// Saves a draft. Only drafts change, and only with the ETag last read (If-Match, never *). The body is
/// read first; the draft is then read, checked and written under the ETag of that read, so an edit that
/// was slow to arrive cannot land on an application submitted meanwhile.
/// </summary>
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

        // The header and the body come first: a slow body must not straddle the check that lets it in.
        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return missing;
        }

        var body = await RequestJson.ReadAsync<ApplicationDraft>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        // Read, check and write under the ETag of this read: a submission committed meanwhile fails the write.
        if (await applications.FindAsync(id, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(session.Caller, application))
        {
            return Problems.NotFound();
        }

        if (ifMatch != application.ClientETag)
        {
            return Problems.PreconditionFailed();
        }

        if (!ApplicationLifecycle.IsEditable(application.Status))
        {
            return Problems.Conflict($"This application is {application.Status}; only drafts can be edited.");
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
        application.NewEditVersion();
        var entry = audit.Stage(application.PartitionKey, session.Caller, "application.updated", "application:" + id, before, ApplicationSummary.From(application));
        var save = new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, application.ETag);
        if (!await Optimistic.TryCommitAsync(() => audit.CommitAsync(applications.Client, [save], entry, cancellationToken)))
        {
            return Problems.PreconditionFailed();
        }

        request.HttpContext.Response.Headers.ETag = application.ClientETag.ToString("H");
        var files = await documents.ListAsync(application, cancellationToken);
        return TypedResults.Ok(ApplicationView.From(application, files.Select(f => f.ToView()).ToArray()));
    }
}
