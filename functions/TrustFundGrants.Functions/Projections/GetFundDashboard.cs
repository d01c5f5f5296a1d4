using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// Public, no sign-in: a fund's dashboard from its projection row, one point read however many grants the
/// fund has. Counts of people are suppressed for everyone but the Secretariat, whose session sees them whole.
/// ?year= narrows the money totals to one year.
/// </summary>
public sealed class GetFundDashboard(Access access, FundStore funds, FundProjector projector, DisclosureControl disclosure)
{
    [Function(nameof(GetFundDashboard))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "funds/{fundId}/dashboard")] HttpRequest request,
        string fundId,
        CancellationToken cancellationToken)
    {
        int? year = null;
        if (request.Query.TryGetValue("year", out var rawYear))
        {
            if (!int.TryParse(rawYear, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1990 or > 2200)
            {
                return Problems.Validation("year", "year is a four-digit year, such as 2025.");
            }

            year = y;
        }

        if (!Guid.TryParse(fundId, out _))
        {
            return Problems.NotFound();
        }

        // The fund row, its dashboard row and the caller's session are independent reads: made at once, the page
        // waits for one storage round trip instead of three in turn (the benchmark's dashboard-vs-point-read ratio).
        var fundRead = funds.FindAsync(fundId, cancellationToken);
        var projectionRead = projector.ReadAsync(fundId, cancellationToken);
        var viewerRead = Viewer.IsSecretariatAsync(access, request);
        await Task.WhenAll(fundRead, projectionRead, viewerRead);
        if (await fundRead is not { } fund)
        {
            return Problems.NotFound();
        }

        var (projection, _) = await projectionRead;
        var secretariat = await viewerRead;
        request.HttpContext.Response.Headers.CacheControl = secretariat ? "private, no-store" : "public, max-age=60";
        return TypedResults.Ok(DashboardView.From(fund.RowKey, fund.Name, CurrencyCode.Parse(fund.Currency), projection, year, disclosure, secretariat));
    }
}

/// <summary>For pages anyone may read: is the caller signed in as the Secretariat? Anyone else, signed in or not, is outside it.</summary>
public static class Viewer
{
    public static async Task<bool> IsSecretariatAsync(Access access, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(access);
        var session = await access.RequireAsync(request);
        return !session.IsDenied && session.Caller.IsIn(Roles.Secretariat);
    }
}
