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
/// A donor's own dashboard: per fund it gave to, its pledges, what it received, and what that money was
/// attributed to (<see cref="Attribution"/>: earmarked money to its earmark, unearmarked money pro rata to the
/// fund's commitments by country and by round). Another donor's is 404.
/// </summary>
public sealed class GetDonorDashboard(Access access, DonorStore donors, ContributionStore contributions, FundStore funds, FundProjector projector)
{
    [Function(nameof(GetDonorDashboard))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "donors/{donorId}/dashboard")] HttpRequest request,
        string donorId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Donor);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (!DonorAccess.MaySee(caller, donorId) || await donors.FindAsync(donorId, cancellationToken) is not { } donor)
        {
            return Problems.NotFound();
        }

        var pledges = new List<PledgeEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row} and DonorId eq {donorId}");
        await foreach (var pledge in contributions.Client.QueryAsync<PledgeEntity>(filter, cancellationToken: cancellationToken))
        {
            pledges.Add(pledge);
        }

        var perFund = new List<DonorFundView>();
        foreach (var group in pledges.GroupBy(p => p.FundId, StringComparer.Ordinal))
        {
            if (await funds.FindAsync(group.Key, cancellationToken) is not { } fund)
            {
                continue;
            }

            var (projection, _) = await projector.ReadAsync(fund.RowKey, cancellationToken);
            perFund.Add(DonorFundView.From(fund, donorId, group.OrderBy(p => p.PledgedOn, StringComparer.Ordinal).ToArray(), projection));
        }

        return TypedResults.Ok(new DonorDashboardView(donor.ToView(), perFund));
    }
}

public sealed record DonorDashboardView(DonorView Donor, IReadOnlyList<DonorFundView> Funds);

public sealed record AttributedRow(string Key, string Label, AmountJson Amount);

/// <summary>One fund as a donor sees its own part in it, in the fund's currency.</summary>
public sealed record DonorFundView(
    string FundId,
    string Name,
    string Currency,
    IReadOnlyList<ContributionView> Contributions,
    AmountJson Received,
    IReadOnlyList<AttributedRow> Earmarked,
    AmountJson Unearmarked,
    IReadOnlyList<AttributedRow> UnearmarkedByCountry,
    IReadOnlyList<AttributedRow> UnearmarkedByRound,
    AmountJson NotYetCommitted)
{
    public static DonorFundView From(FundEntity fund, string donorId, IReadOnlyList<PledgeEntity> pledges, FundProjection projection)
    {
        ArgumentNullException.ThrowIfNull(fund);
        ArgumentNullException.ThrowIfNull(pledges);
        ArgumentNullException.ThrowIfNull(projection);
        var currency = CurrencyCode.Parse(fund.Currency);
        AmountJson A(long minor) => AmountJson.From(new Money(minor, currency));
        var mine = projection.ReceivedByDonor.GetValueOrDefault(donorId) ?? new SortedDictionary<string, long>(StringComparer.Ordinal);
        var unearmarked = mine.GetValueOrDefault(string.Empty);
        var fundUnearmarked = projection.ReceivedByDonor.Values.Sum(d => d.GetValueOrDefault(string.Empty));
        var byCountry = Attribution.Unearmarked(unearmarked, fundUnearmarked, projection.ByCountry.Select(c => KeyValuePair.Create(c.Key, c.Value.Committed)).ToArray());
        var byRound = Attribution.Unearmarked(unearmarked, fundUnearmarked, projection.ByRound.Select(c => KeyValuePair.Create(c.Key, c.Value.Committed)).ToArray());
        return new(
            fund.RowKey,
            fund.Name,
            currency.Code,
            pledges.Select(p => p.ToView()).ToArray(),
            A(mine.Values.Sum()),
            mine.Where(e => e.Key.Length > 0).Select(e => new AttributedRow(e.Key, Label(e.Key), A(e.Value))).ToArray(),
            A(unearmarked),
            byCountry.ByKey.Where(e => e.Value > 0).Select(e => new AttributedRow(e.Key, CountryCode.TryParse(e.Key, out var c) ? c.Name : e.Key, A(e.Value))).ToArray(),
            byRound.ByKey.Where(e => e.Value > 0).Select(e => new AttributedRow(e.Key, e.Key, A(e.Value))).ToArray(),
            A(byCountry.NotYetCommitted));
    }

    private static string Label(string earmarkKey)
    {
        var (kind, value) = earmarkKey.Split(':', 2) switch { [var k, var v] => (k, v), _ => (earmarkKey, string.Empty) };
        return kind == Earmark.Country && CountryCode.TryParse(value, out var country) ? $"{country.Name} (country)" : $"{value} ({kind})";
    }
}
