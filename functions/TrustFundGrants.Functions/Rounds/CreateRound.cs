using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>The Secretariat announces a call for proposals under a fund, in the fund's currency.</summary>
public sealed class CreateRound(Access access, FundStore funds, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(CreateRound))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "funds/{fundId}/rounds")] HttpRequest request,
        string fundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await funds.FindAsync(fundId, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        var body = await RequestJson.ReadAsync<RoundRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        var now = time.GetUtcNow();
        if (body.Value.Validate(CurrencyCode.Parse(fund.Currency), now, errors) is not var (envelope, min, max))
        {
            return Problems.Validation(errors);
        }

        var round = new RoundEntity { RowKey = Guid.CreateVersion7().ToString(), FundId = fund.RowKey, CreatedAt = now };
        round.Apply(body.Value, envelope, min, max);
        var view = round.ToView(now);
        var entry = audit.Stage(round.PartitionKey, caller, "round.created", "round:" + round.RowKey, null, view);
        var etag = (await audit.CommitAsync(rounds.Client, [new TableTransactionAction(TableTransactionActionType.Add, round)], entry, cancellationToken))[0];
        request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        return TypedResults.Created($"/api/rounds/{round.RowKey}", view);
    }
}
