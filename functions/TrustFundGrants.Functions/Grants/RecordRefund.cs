using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// The Secretariat records unspent money the grantee returned, up to what the final report showed owed.
/// The refund's ledger entry, the totals and the refund-received event commit together; once the whole
/// refund is in, the grant closes.
/// </summary>
public sealed class RecordRefund(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RecordRefund))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/refunds")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<RefundRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grant = file!.Grant;
        var errors = new Dictionary<string, string[]>();
        var amount = body.Value.Validate(new Money(grant.RefundOwedMinor - grant.RefundedMinor, grant.CurrencyCode), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var change = GrantLedgerWrites.Append(GrantChange.Of(grant, grant.ETag), LedgerKind.Refund, amount!.Value.MinorUnits, now, caller.Email, "Unspent money refunded", null, body.Value.Reference.Trim());
        if (change is null)
        {
            return Problems.Conflict("More would be refunded than was ever paid.");
        }

        GrantClosing.CloseIfSettled(file);
        change = change.Owing(outbox.Stage(id, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.RefundReceived, grant.FundId, id, now)));
        return await GrantRequests.CommitAsync(grants, request, change, audit.Stage(id, caller, "grant.refund-received", "grant:" + id, null, new { AmountMinor = amount.Value.MinorUnits, grant.RefundedMinor, grant.Status }), cancellationToken);
    }
}

public sealed record RefundRequest(AmountJson Amount, string Reference)
{
    /// <summary>The amount refunded, in the grant's currency and at most <paramref name="outstanding"/>.</summary>
    public Money? Validate(Money outstanding, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var amount = Amount.Read(outstanding.Currency, "amount", errors);
        if (Reference.Trim() is not { Length: > 0 and <= 100 })
        {
            errors["reference"] = ["Give the bank's reference for the money received (up to 100 characters)."];
        }

        if (amount is { } a && (a.MinorUnits <= 0 || a.MinorUnits > outstanding.MinorUnits))
        {
            errors["amount.amount"] = [$"Record at most the {new Money(Math.Max(0, outstanding.MinorUnits), outstanding.Currency)} still owed back."];
            return null;
        }

        return amount;
    }
}
