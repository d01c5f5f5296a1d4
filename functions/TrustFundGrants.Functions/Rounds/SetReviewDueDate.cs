using Azure.Data.Tables;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>
/// Sets or moves when the panel's reviews fall due. Unlike the round's terms this may change after
/// the round opens: it binds the panel, not the applicants, and the panel's pace is only known late.
/// </summary>
public sealed class SetReviewDueDate(Access access, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(SetReviewDueDate))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "rounds/{roundId}/review-due-date")] HttpRequest request,
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

        var body = await RequestJson.ReadAsync<ReviewDue>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(round.ClosesAt, now, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var due = body.Value.ReviewDueAt.ToUniversalTime();

        var before = round.ReviewDueAt;
        round.ReviewDueAt = due;
        var entry = audit.Stage(round.PartitionKey, caller, "round.review-due-date-set", "round:" + roundId, new { reviewDueAt = before }, new { reviewDueAt = due });
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
        return TypedResults.Ok(round.ToView(now));
    }
}
