using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Audit;

/// <summary>A target's history, newest first, for the Secretariat. One partition per target keeps this a single-partition read.</summary>
public sealed class ListAuditEntries(Access access, AuditLog audit)
{
    [Function(nameof(ListAuditEntries))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var (paging, errors) = Paging.From(request);
        var target = request.Query["target"].ToString();
        if (target.Length is 0 or > 200 || target.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            (errors ??= [])["target"] = ["Name the target, such as organisation:{id} or user:{id}."];
        }

        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {target}");
        var pages = audit.Client.QueryAsync<AuditEntry>(filter, maxPerPage: paging!.Limit, cancellationToken: cancellationToken)
            .AsPages(paging.Cursor, paging.Limit);
        await foreach (var page in pages)
        {
            var items = page.Values.Select(e => new AuditView(e.At, e.ActorId, e.ActorEmail, e.Action, e.PartitionKey, e.Before, e.After)).ToArray();
            return TypedResults.Ok(new Page<AuditView>(items, page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<AuditView>([], null));
    }
}

public sealed record AuditView(DateTimeOffset At, string ActorId, string ActorEmail, string Action, string Target, string Before, string After);
