using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Records an approved tranche as paid, with the bank's payment reference and value date: the tranche,
/// its disbursement in the ledger, the totals, the reference's claim row, the "tranche paid" email and
/// the projection event commit together. Sending the same reference again for a tranche it already paid
/// answers as the first time did, so a retry after a lost answer never pays twice; a disbursement the
/// ledger refuses (beyond the commitment) is 409.
/// </summary>
public sealed class RecordPayment(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RecordPayment))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/tranches/{number}/pay")] HttpRequest request,
        string id,
        string number,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<PaymentRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var payment = body.Value;
        var errors = new Dictionary<string, string[]>();
        payment.Validate(GrantRequests.Today(time), errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (await grants.ReadAsync(id, cancellationToken) is not { } read || !GrantRequests.MaySee(caller, read.Grant) || PaymentSteps.Find(read, number) is not { } paid)
        {
            return Problems.NotFound();
        }

        if (paid.Status == TrancheStatus.Paid && paid.PaymentReference == payment.Reference.Trim())
        {
            return await GrantRequests.ViewAsync(grants, request, id, cancellationToken);
        }

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken, f =>
            PaymentSteps.Find(f, number) is not { } t ? Problems.NotFound() : TrancheRules.Pay(f.Grant.Status, t.Status) is { } no ? Problems.Conflict(no) : null);
        if (problem is not null)
        {
            return problem;
        }

        var tranche = file!.Tranche(paid.Number)!;
        if (TrancheRules.Pay(file.Grant.Status, tranche.Status) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        return await PayAsync(request, id, file, tranche, payment, caller, cancellationToken);
    }

    // The tranche, its disbursement, the reference's claim row, the email and the projection event commit as one change.
    private async Task<IResult> PayAsync(
        HttpRequest request, string id, GrantFile file, TrancheEntity tranche, PaymentRequest payment, Caller caller, CancellationToken cancellationToken)
    {
        var grant = file.Grant;
        var now = time.GetUtcNow();
        var reference = payment.Reference.Trim();
        (tranche.Status, tranche.PaymentReference, tranche.ValueDate, tranche.PaidAt, tranche.PaidByEmail) =
            (TrancheStatus.Paid, reference, GrantRequests.Day(payment.ValueDate), now, caller.Email);
        var change = GrantLedgerWrites.Append(GrantChange.Of(grant, grant.ETag), LedgerKind.Disbursement, tranche.AmountMinor, now, caller.Email, $"Tranche {tranche.Number} paid", tranche.Number, reference);
        if (change is null)
        {
            return Problems.Conflict("This payment would take the amount paid beyond the amount committed to the grant.");
        }

        change = change.Replacing(tranche)
            .Adding(new TableEntity(id, GrantStore.PaymentReferenceRow(reference)) { ["Tranche"] = tranche.Number, ["Reference"] = reference })
            .Owing(
                outbox.Stage(id, GrantEmailMessage.Queue, new GrantEmailMessage(id, GrantEmailMessage.Kinds.TranchePaid, tranche.Number)),
                outbox.Stage(id, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.TranchePaid, grant.FundId, id, now)));
        GrantClosing.CloseIfSettled(file);
        return await PaymentSteps.CommitAsync(grants, request, change, tranche, audit.Stage(id, caller, "tranche.paid", "grant:" + id, new { tranche.Number, Status = TrancheStatus.Approved }, new { tranche.Number, tranche.Status, tranche.PaymentReference, tranche.ValueDate, GrantStatus = grant.Status }), cancellationToken);
    }
}

/// <summary>The bank's reference for the payment and the value date it gave.</summary>
public sealed record PaymentRequest(string Reference, DateOnly ValueDate)
{
    public void Validate(DateOnly today, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Reference.Trim() is not { Length: > 0 and <= 100 } reference || reference.Any(char.IsControl))
        {
            errors["reference"] = ["Give the bank's payment reference (up to 100 characters)."];
        }

        if (ValueDate > today.AddDays(30) || ValueDate < today.AddYears(-1))
        {
            errors["valueDate"] = ["Give the value date of the payment, within the last year or the next 30 days."];
        }
    }
}
