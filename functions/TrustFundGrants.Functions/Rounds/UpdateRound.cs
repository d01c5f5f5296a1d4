using Azure.Data.Tables;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>Changes a round's terms, only until it opens: after that, applicants rely on them.</summary>
public sealed class UpdateRound(Access access, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(UpdateRound))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "rounds/{roundId}")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return missing;
        }

        var now = time.GetUtcNow();
        if (!RoundSchedule.IsEditable(round.OpensAt, now))
        {
            return Problems.Conflict("This round has opened; its terms can no longer change.");
        }

        var body = await RequestJson.ReadAsync<RoundRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Value.Validate(CurrencyCode.Parse(round.Currency), now, errors) is not var (envelope, min, max))
        {
            return Problems.Validation(errors);
        }

        var before = round.ToView(now);
        round.Apply(body.Value, envelope, min, max);
        var view = round.ToView(now);
        var entry = audit.Stage(round.PartitionKey, caller, "round.updated", "round:" + roundId, before, view);
        ETag etag;
        try
        {
            etag = (await audit.CommitAsync(rounds.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, round, ifMatch)], entry, cancellationToken))[0];
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        return TypedResults.Ok(view);
    }
}
