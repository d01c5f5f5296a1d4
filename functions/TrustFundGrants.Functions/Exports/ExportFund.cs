using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Exports;

/// <summary>
/// Public, no sign-in: a fund's grants as CSV (grants.csv, disbursements.csv), IATI 2.03 (iati.xml) or
/// 360Giving (360giving.json). Outside the Secretariat, organisations that asked not to be named are not.
/// None of these files carries counts of people.
/// </summary>
public sealed class ExportFund(
    Access access, FundStore funds, DonorStore donors, ContributionStore contributions, IGrantSource grants, IOptions<ExportOptions> options, TimeProvider time)
{
    public static IReadOnlyList<string> Formats { get; } = ["grants.csv", "disbursements.csv", "iati.xml", "360giving.json"];

    [Function(nameof(ExportFund))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "exports/funds/{fundId}/{format}")] HttpRequest request,
        string fundId,
        string format,
        CancellationToken cancellationToken)
    {
        if (!Formats.Contains(format, StringComparer.Ordinal) || await funds.FindAsync(fundId, cancellationToken) is not { } fund)
        {
            return Problems.NotFound();
        }

        var context = new ExportContext(
            fund.RowKey,
            fund.Name,
            CurrencyCode.Parse(fund.Currency),
            options.Value.ReportingOrgRef,
            !await Viewer.IsSecretariatAsync(access, request),
            time.GetUtcNow(),
            format == "iati.xml" ? await IncomingAsync(fund.RowKey, cancellationToken) : []);
        var list = grants.ListAsync(fund.RowKey, cancellationToken);
        return format switch
        {
            "grants.csv" => new StreamedFile("text/csv; charset=utf-8", format, (s, ct) => GrantCsv.WriteGrantsAsync(s, context, list, ct)),
            "disbursements.csv" => new StreamedFile("text/csv; charset=utf-8", format, (s, ct) => GrantCsv.WriteDisbursementsAsync(s, context, list, ct)),
            "iati.xml" => new StreamedFile("application/xml", format, (s, ct) => IatiActivities.WriteAsync(s, context, list, ct)),
            _ => new StreamedFile("application/json", format, (s, ct) => ThreeSixtyGiving.WriteAsync(s, context, list, ct)),
        };
    }

    private async Task<IReadOnlyList<IncomingFunds>> IncomingAsync(string fundId, CancellationToken cancellationToken)
    {
        var byId = (await donors.ListAsync(cancellationToken)).ToDictionary(d => d.RowKey, StringComparer.Ordinal);
        var incoming = new List<IncomingFunds>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row} and FundId eq {fundId}");
        await foreach (var pledge in contributions.Client.QueryAsync<PledgeEntity>(filter, cancellationToken: cancellationToken))
        {
            var donor = byId.GetValueOrDefault(pledge.DonorId);
            foreach (var receipt in await contributions.ReceiptsAsync(pledge.PartitionKey, cancellationToken))
            {
                incoming.Add(new IncomingFunds(
                    donor?.Name ?? "A donor",
                    donor?.Kind ?? string.Empty,
                    receipt.FundMinorUnits,
                    DateOnly.ParseExact(receipt.ValueDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return incoming;
    }
}
