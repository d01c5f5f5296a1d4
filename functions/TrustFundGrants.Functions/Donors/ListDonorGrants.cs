using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Donors;

/// <summary>
/// The grants a donor's money reached in one fund (<see cref="Reach"/>), a page at a time from the fund's
/// grants. Only money received counts. Outside the Secretariat an organisation that asked not to be named is
/// "An organisation in …". Another donor's list, or a fund the donor never gave to, is 404.
/// </summary>
public sealed class ListDonorGrants(Access access, DonorStore donors, ContributionStore contributions, FundStore funds, IGrantSource grants)
{
    [Function(nameof(ListDonorGrants))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "donors/{donorId}/funds/{fundId}/grants")] HttpRequest request,
        string donorId,
        string fundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Donor);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var (paging, errors) = Paging.From(request);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }

        if (!DonorAccess.MaySee(session.Caller, donorId) || await donors.FindAsync(donorId, cancellationToken) is null
            || await funds.FindAsync(fundId, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        var earmarks = await EarmarksAsync(donorId, fund.RowKey, cancellationToken);
        if (earmarks is null)
        {
            return Problems.NotFound();
        }

        var page = await grants.PageAsync(fund.RowKey, paging!, cancellationToken);
        var currency = CurrencyCode.Parse(fund.Currency);
        var secretariat = session.Caller.IsIn(Roles.Secretariat);
        var reached = page.Items
            .Select(g => (Grant: g, Through: Reach.Of(g.Facts, earmarks)))
            .Where(g => g.Through.Count > 0)
            .Select(g => ReachedGrantView.From(g.Grant, g.Through, currency, secretariat))
            .ToArray();
        return TypedResults.Ok(new Page<ReachedGrantView>(reached, page.NextCursor));
    }

    /// <summary>The earmarks of the donor's pledges to the fund that received money (null: unearmarked), or null when it gave the fund nothing.</summary>
    private async Task<IReadOnlyList<Earmark?>?> EarmarksAsync(string donorId, string fundId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row} and DonorId eq {donorId} and FundId eq {fundId}");
        var earmarks = new List<Earmark?>();
        var any = false;
        await foreach (var pledge in contributions.Client.QueryAsync<PledgeEntity>(filter, cancellationToken: cancellationToken))
        {
            any = true;
            if (pledge.ReceivedMinorUnits > 0)
            {
                earmarks.Add(pledge.Earmark);
            }
        }

        return any ? earmarks : null;
    }
}

/// <summary>A grant a donor's money reached: <see cref="Through"/> lists the earmarks ("" for unearmarked money) that reached it.</summary>
public sealed record ReachedGrantView(
    string GrantId,
    string Title,
    string Recipient,
    IReadOnlyList<string> Countries,
    string Status,
    AmountJson Committed,
    AmountJson Disbursed,
    IReadOnlyList<string> Through)
{
    public static ReachedGrantView From(GrantRecord grant, IReadOnlyList<string> through, CurrencyCode currency, bool secretariat)
    {
        ArgumentNullException.ThrowIfNull(grant);
        long Sum(FlowKind kind) => grant.Facts.Flows.Where(f => f.Kind == kind).Sum(f => f.MinorUnits);
        return new(
            grant.Facts.GrantId,
            grant.Title,
            secretariat ? grant.Recipient.Name : grant.Recipient.PublicName,
            grant.Facts.Countries,
            grant.Status,
            AmountJson.From(new Money(Sum(FlowKind.Commitment), currency)),
            AmountJson.From(new Money(Sum(FlowKind.Disbursement) - Sum(FlowKind.Refund), currency)),
            through);
    }
}
