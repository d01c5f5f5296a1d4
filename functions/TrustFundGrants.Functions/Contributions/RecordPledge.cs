using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Contributions;

/// <summary>
/// The Secretariat records a donor's pledge. The pledge and the projection event that puts it in the fund's
/// "pledged, not yet received" commit together.
/// </summary>
public sealed class RecordPledge(
    Access access, ContributionStore contributions, DonorStore donors, FundStore funds, RoundStore rounds, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(RecordPledge))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "contributions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<PledgeRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var pledge = body.Value;
        var errors = new Dictionary<string, string[]>();
        var amount = pledge.Validate(errors);
        var fund = await FindReferencesAsync(pledge, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var entity = new PledgeEntity
        {
            PartitionKey = Guid.CreateVersion7().ToString(),
            DonorId = pledge.DonorId,
            FundId = fund!.RowKey,
            Currency = amount!.Value.Currency.Code,
            PledgedMinorUnits = amount.Value.MinorUnits,
            PledgedOn = pledge.PledgedOn,
            EarmarkKind = pledge.Earmark?.Kind ?? string.Empty,
            EarmarkValue = pledge.Earmark?.Value ?? string.Empty,
            FundCurrency = fund.Currency,
            CreatedAt = now,
        };
        var projection = outbox.Stage(
            entity.PartitionKey, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.ContributionReceived, entity.FundId, null, now));
        var entry = audit.Stage(entity.PartitionKey, caller, "contribution.pledged", "contribution:" + entity.PartitionKey, null, entity.ToView());
        await audit.CommitAsync(
            contributions.Client,
            [new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, projection)],
            entry,
            cancellationToken);
        return TypedResults.Created($"/api/contributions/{entity.PartitionKey}", entity.ToView([]));
    }

    // The donor, the fund and an earmarked round are checked in storage; each that is missing is named in the errors with the body's own.
    private async Task<FundEntity?> FindReferencesAsync(PledgeRequest pledge, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (await donors.FindAsync(pledge.DonorId, cancellationToken) is null)
        {
            errors["donorId"] = ["There is no donor with this id."];
        }

        var fund = await funds.FindAsync(pledge.FundId, cancellationToken);
        if (fund is null)
        {
            errors["fundId"] = ["There is no fund with this id."];
        }
        else if (pledge.Earmark is { Kind: Domain.Earmark.Round, Value: var roundId }
            && !errors.ContainsKey("earmark.value")
            && (await rounds.FindAsync(roundId, cancellationToken))?.FundId != fund.RowKey)
        {
            errors["earmark.value"] = ["There is no round with this id in this fund."];
        }

        return fund;
    }
}