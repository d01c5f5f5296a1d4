using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// A reviewer declares a standing tie to an organisation (board seat, former employer, family). From
/// then on no round assigns them that organisation's applications, and assignments they already hold
/// on them are withdrawn (a draft is kept but can no longer be submitted). Declaring again updates the reason.
/// </summary>
public sealed class DeclareConflict(Access access, OrganisationStore organisations, ReviewStores stores, ReviewerTies ties, AuditLog audit, TimeProvider time)
{
    [Function(nameof(DeclareConflict))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/conflicts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<ConflictRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var declaration = body.Value;
        var errors = new Dictionary<string, string[]>();
        declaration.Validate(errors);
        var organisation = await organisations.FindAsync(declaration.OrganisationId, cancellationToken);
        if (organisation is null)
        {
            errors["organisationId"] = ["There is no organisation with this id."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var conflict = new ConflictEntity
        {
            PartitionKey = caller.UserId,
            RowKey = declaration.OrganisationId,
            Reason = declaration.Reason.Trim(),
            OrganisationName = organisation!.Name,
            DeclaredAt = time.GetUtcNow(),
        };
        var entry = audit.Stage(conflict.PartitionKey, caller, "conflict.declared", "user:" + caller.UserId, null, conflict.ToView());
        await audit.CommitAsync(stores.Conflicts, [new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpsertReplace, conflict)], entry, cancellationToken);
        await ties.WithdrawAsync(caller, caller.UserId, declaration.OrganisationId, cancellationToken);
        return TypedResults.Created("/api/me/conflicts", conflict.ToView());
    }
}

public sealed record ConflictRequest(string OrganisationId, string Reason)
{
    /// <summary>The fields on their own; whether the organisation exists is the function's to add.</summary>
    public void Validate(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(Reason) || Reason.Trim().Length > 1000)
        {
            errors["reason"] = ["Say briefly how you are tied to the organisation (up to 1,000 characters)."];
        }
    }
}
