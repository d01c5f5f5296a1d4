using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Concurrency;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// The commit path of a document change. It runs after the (possibly slow) body has fully arrived: it
/// reads the application again, checks it is still this caller's draft before the deadline, and commits
/// the document row with a touch of the application row under the ETag of that read, in one
/// transaction with the audit entry. A submission (or anything else) committed since the read fails the
/// touch, so the change is judged again and refused. A staged blob that does not become the document
/// is deleted; a replaced document's old blob is deleted once the new row has committed.
/// </summary>
public sealed class DocumentChanges(
    ApplicationStore applications, DocumentStore documents, RoundStore rounds, BlobServiceClient blobs, AuditLog audit, ConflictRetry retry, TimeProvider time)
{
    /// <summary>Makes <paramref name="staged"/> (a blob already uploaded under a fresh name) the application's document of its type.</summary>
    public async Task<IResult> CommitUploadAsync(Caller caller, string applicationId, DocumentEntity staged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staged);
        DocumentEntity? replaced = null;
        var outcome = await retry.RunAsync(
            async ct =>
            {
                if (await EditableAsync(caller, applicationId, ct) is not { } application)
                {
                    return Refusal.Of(await RefusalAsync(caller, applicationId, ct));
                }

                replaced = await documents.FindAsync(application, staged.Type, ct);
                staged.PartitionKey = application.PartitionKey;
                staged.RowKey = DocumentEntity.RowKeyFor(application.RowKey, staged.Type);
                staged.UploadedAt = time.GetUtcNow();
                var write = replaced is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, staged)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, staged, replaced.ETag);
                var entry = audit.Stage(
                    application.PartitionKey, caller, replaced is null ? "document.uploaded" : "document.replaced", "application:" + applicationId, replaced?.ToView(), staged.ToView());
                return await Optimistic.TryCommitAsync(() => audit.CommitAsync(applications.Client, [Touch(application), write], entry, ct)) ? Refusal.None : null;
            },
            () => Refusal.Of(Problems.PreconditionFailed()),
            cancellationToken);

        if (outcome.Problem is { } refused)
        {
            await Container.DeleteBlobIfExistsAsync(staged.BlobName, cancellationToken: CancellationToken.None);
            return refused;
        }

        if (replaced is not null)
        {
            await Container.DeleteBlobIfExistsAsync(replaced.BlobName, cancellationToken: CancellationToken.None);
        }

        return replaced is null
            ? TypedResults.Created($"/api/applications/{applicationId}/documents/{staged.Type}", staged.ToView())
            : TypedResults.Ok(staged.ToView());
    }

    /// <summary>Removes the application's document of <paramref name="type"/>: its row (under the application's ETag), then its blob.</summary>
    public async Task<IResult> CommitDeleteAsync(Caller caller, string applicationId, string type, CancellationToken cancellationToken) =>
        await retry.RunAsync(
            async ct =>
            {
                if (await EditableAsync(caller, applicationId, ct) is not { } application)
                {
                    return await RefusalAsync(caller, applicationId, ct);
                }

                if (await documents.FindAsync(application, type, ct) is not { } document)
                {
                    return Problems.NotFound();
                }

                var entry = audit.Stage(application.PartitionKey, caller, "document.deleted", "application:" + applicationId, document.ToView(), null);
                var delete = new TableTransactionAction(TableTransactionActionType.Delete, document, document.ETag);
                if (!await Optimistic.TryCommitAsync(() => audit.CommitAsync(applications.Client, [Touch(application), delete], entry, ct)))
                {
                    return null;
                }

                await Container.DeleteBlobIfExistsAsync(document.BlobName, cancellationToken: CancellationToken.None);
                return TypedResults.NoContent();
            },
            Problems.PreconditionFailed,
            cancellationToken);

    private BlobContainerClient Container => blobs.GetBlobContainerClient(DocumentStore.Container);

    /// <summary>The caller's application, when it is still a draft before its round's deadline; otherwise null.</summary>
    private async Task<ApplicationEntity?> EditableAsync(Caller caller, string applicationId, CancellationToken cancellationToken)
    {
        if (await applications.FindAsync(applicationId, cancellationToken) is not { } application
            || !ApplicationAccess.MayEdit(caller, application) || !ApplicationLifecycle.IsEditable(application.Status))
        {
            return null;
        }

        var round = await rounds.TermsAsync(application.PartitionKey, cancellationToken);
        return round is not null && time.GetUtcNow() < round.ClosesAt ? application : null;
    }

    private async Task<IResult> RefusalAsync(Caller caller, string applicationId, CancellationToken cancellationToken)
    {
        if (await applications.FindAsync(applicationId, cancellationToken) is not { } application || !ApplicationAccess.MayEdit(caller, application))
        {
            return Problems.NotFound();
        }

        return ApplicationLifecycle.IsEditable(application.Status)
            ? Problems.Conflict("The round's deadline has passed; its applications' documents no longer change.")
            : Problems.Conflict($"This application is {application.Status}; documents change only while it is a draft.");
    }

    /// <summary>Rewrites only the application's UpdatedAt, under the ETag of the read that found it editable.</summary>
    private TableTransactionAction Touch(ApplicationEntity application) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(application.PartitionKey, application.RowKey) { ["UpdatedAt"] = time.GetUtcNow() }, application.ETag);

    private sealed record Refusal(IResult? Problem)
    {
        public static readonly Refusal None = new((IResult?)null);

        public static Refusal Of(IResult problem) => new(problem);
    }
}
