using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// The Secretariat records money received against a pledge. It needs If-Match with the pledge's ETag: the
/// check against what is still pledged holds only for the pledge as read, so a second click or a colleague
/// recording the same transfer gets 412 instead of a second receipt. The receipt, the pledge's new totals and
/// the contribution-received event commit in one transaction.
/// </summary>
public sealed class RecordReceipt(Access access, ContributionStore contributions, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RecordReceipt))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contributions/{id}/receipts")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } required)
        {
            return required;
        }

        var body = await RequestJson.ReadAsync<ReceiptRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        if (await contributions.FindAsync(id, cancellationToken) is not { } pledge)
        {
            return Problems.NotFound();
        }

        if (pledge.ETag != ifMatch)
        {
            return Problems.PreconditionFailed();
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (body.Value.Validate(pledge, DateOnly.FromDateTime(now.UtcDateTime), errors) is not var (amount, fundAmount, rate))
        {
            return Problems.Validation(errors);
        }

        var receipt = new ReceiptEntity
        {
            PartitionKey = pledge.PartitionKey,
            RowKey = ReceiptEntity.RowPrefix + Guid.CreateVersion7(),
            MinorUnits = amount.MinorUnits,
            Currency = amount.Currency.Code,
            ValueDate = body.Value.ValueDate,
            ExchangeRate = rate,
            FundMinorUnits = fundAmount.MinorUnits,
            FundCurrency = fundAmount.Currency.Code,
            ExceedsPledge = body.Value.ExceedsPledge,
            Reference = body.Value.Reference?.Trim() ?? string.Empty,
            RecordedAt = now,
            RecordedBy = caller.UserId,
        };
        return await CommitAsync(pledge, ifMatch, receipt, caller, cancellationToken);
    }

    // The pledge's new totals, the receipt and the contribution-received event commit under the ETag the client read.
    private async Task<IResult> CommitAsync(PledgeEntity pledge, ETag ifMatch, ReceiptEntity receipt, Caller caller, CancellationToken cancellationToken)
    {
        var before = pledge.ToView();
        pledge.ReceivedMinorUnits = checked(pledge.ReceivedMinorUnits + receipt.MinorUnits);
        pledge.ReceivedFundMinorUnits = checked(pledge.ReceivedFundMinorUnits + receipt.FundMinorUnits);
        pledge.Receipts++;
        var projection = outbox.Stage(pledge.PartitionKey, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.ContributionReceived, pledge.FundId, null, receipt.RecordedAt));
        var entry = audit.Stage(pledge.PartitionKey, caller, "contribution.received", "contribution:" + pledge.PartitionKey, before, receipt.ToView());
        try
        {
            await audit.CommitAsync(
                contributions.Client,
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, pledge, ifMatch),
                    new TableTransactionAction(TableTransactionActionType.Add, receipt),
                    new TableTransactionAction(TableTransactionActionType.Add, projection),
                ],
                entry,
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        var view = receipt.ToView();
        return TypedResults.Created($"/api/contributions/{pledge.PartitionKey}", view);
    }
}
