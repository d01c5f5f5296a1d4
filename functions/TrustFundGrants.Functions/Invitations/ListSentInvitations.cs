using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Invitations;

/// <summary>
/// Who the Secretariat invited, to what, by whom and when (first, last, last emailed), a page at a
/// time in the order the table keeps them (by kind, then round). Organisations' invitations of their
/// own colleagues are theirs, listed to their members with the organisation.
/// </summary>
public sealed class ListSentInvitations(Access access, InvitationLog log)
{
    [Function(nameof(ListSentInvitations))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "invitations")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var (paging, errors) = Paging.From(request);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {InvitationRecord.Partition}") + " and " + OutboxEntry.ExcludedFilter;
        var pages = log.Client.QueryAsync<InvitationRecord>(filter, maxPerPage: paging!.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit);
        await foreach (var page in pages)
        {
            return TypedResults.Ok(new Page<InvitationRecordView>(page.Values.Select(i => i.ToView()).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<InvitationRecordView>([], null));
    }
}
