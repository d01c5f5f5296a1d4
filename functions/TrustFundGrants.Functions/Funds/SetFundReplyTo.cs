using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Funds;

/// <summary>
/// The Secretariat sets (or removes) the address applicants' replies go to. Letters read it when they
/// are sent, so it applies to every letter still to go. If-Match: the fund as the caller read it.
/// </summary>
public sealed class SetFundReplyTo(Access access, FundStore funds, AuditLog audit)
{
    [Function(nameof(SetFundReplyTo))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "funds/{id}/reply-to")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } precondition)
        {
            return precondition;
        }

        var body = await RequestJson.ReadAsync<FundReplyToRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var replyTo = body.Value.ReplyTo;

        if (await funds.FindAsync(id, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        if (fund.ETag != ifMatch)
        {
            return Problems.PreconditionFailed();
        }

        var before = fund.ReplyTo;
        fund.ReplyTo = replyTo is null ? null : EmailAddress.Normalize(replyTo);
        var entry = audit.Stage(fund.PartitionKey, session.Caller, "fund.reply-to-set", "fund:" + id, new { replyTo = before }, new { replyTo = fund.ReplyTo });
        try
        {
            var etag = (await audit.CommitAsync(funds.Client, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, fund, fund.ETag)], entry, cancellationToken))[0];
            request.HttpContext.Response.Headers.ETag = etag.ToString("H");
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
        {
            return Problems.PreconditionFailed();
        }

        return TypedResults.Ok(fund.ToView());
    }
}
