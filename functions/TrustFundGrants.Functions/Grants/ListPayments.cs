using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Payments awaiting approval or awaiting payment, for the Secretariat, with who requested and who
/// approved each. One index partition holds exactly those, so the list reads only them.
/// </summary>
public sealed class ListPayments(Access access, GrantIndex index)
{
    private static readonly Dictionary<string, string> States = new(StringComparer.Ordinal)
    {
        ["awaiting-approval"] = GrantIndex.AwaitingApproval,
        ["awaiting-payment"] = GrantIndex.AwaitingPayment,
    };

    [Function(nameof(ListPayments))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "grants/payments")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var (paging, errors) = Paging.From(request);
        errors ??= [];
        if (!States.TryGetValue(request.Query["state"].ToString(), out var partition))
        {
            errors["state"] = ["state is awaiting-approval or awaiting-payment."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in index.Client.QueryAsync<GrantIndexEntry>(filter, paging!.Limit, cancellationToken: cancellationToken).AsPages(paging.Cursor, paging.Limit))
        {
            return TypedResults.Ok(new Page<PaymentItem>(page.Values.Select(PaymentItem.From).ToArray(), page.ContinuationToken));
        }

        return TypedResults.Ok(new Page<PaymentItem>([], null));
    }
}
