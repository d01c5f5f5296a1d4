using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Keeps the index partitions (<see cref="GrantIndexEntry"/>) equal to what a grant's own partition says.
/// A sync reads the grant, writes the rows it should have and deletes those it should not, then reads the
/// grant's version again: if another change landed meanwhile, its rows may have been overwritten by this
/// older picture, so it syncs again. The last sync to finish therefore always wrote the newest state.
/// Every grant change runs a sync at once and owes one through the outbox, so a crash leaves it late, never wrong.
/// </summary>
public sealed partial class GrantIndex(TableServiceClient tables, ILogger<GrantIndex> logger)
{
    public const string Table = "grantindex";
    public const string AllGrants = "grants";
    public const string AwaitingApproval = "payments-awaiting-approval";
    public const string AwaitingPayment = "payments-awaiting-payment";
    public const string TranchesScheduled = "tranches-scheduled";
    public const string ReportsOwed = "reports-owed";
    public const string ReportsSubmitted = "reports-submitted";

    private static readonly string[] ItemPartitions = [AwaitingApproval, AwaitingPayment, TranchesScheduled, ReportsOwed, ReportsSubmitted];

    public TableClient Client => tables.GetTableClient(Table);

    private TableClient Grants => tables.GetTableClient(GrantStore.Table);

    public static string OrganisationPartition(string organisationId) => "org-" + organisationId;

    public static string CountryPartition(string country) => "country-" + country;

    /// <summary>A fund's grants whose agreement was accepted: what its dashboards and exports list. A grant joins once it has a ledger and never leaves.</summary>
    public static string FundPartition(string fundId) => "fund-" + fundId;

    public static string ItemRow(string grantId, int number) => $"{grantId}|{number:D2}";

    /// <summary>Best effort, after a change has committed: a failure is logged and left to the owed sync message.</summary>
    public async Task TrySyncAsync(string grantId, CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(grantId, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            LogSyncFailed(logger, grantId, ex.Message.Split('\n')[0]);
        }
    }

    public async Task SyncAsync(string grantId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GrantReads.ReadAsync(Grants, grantId, cancellationToken) is not { } file)
            {
                return;
            }

            var wanted = Rows(file);
            var existing = await ExistingAsync(file.Grant, cancellationToken);
            var writes = wanted.Select(row => Client.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
            var deletes = existing
                .Where(e => !wanted.Any(w => w.PartitionKey == e.PartitionKey && w.RowKey == e.RowKey))
                .Select(e => DeleteAsync(e, cancellationToken));
            await Task.WhenAll(writes.Cast<Task>().Concat(deletes));
            var now = await Grants.GetEntityIfExistsAsync<GrantEntity>(grantId, GrantEntity.Row, ["Version"], cancellationToken);
            if (!now.HasValue || now.Value?.Version == file.Grant.Version)
            {
                return;
            }
        }
    }

    /// <summary>The index rows a grant should have, from its partition alone.</summary>
    public static IReadOnlyList<GrantIndexEntry> Rows(GrantFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var grant = file.Grant;
        var rows = new List<GrantIndexEntry>();
        var nextDue = grant.Status is GrantStatus.Active or GrantStatus.Suspended
            ? file.Reports.Where(r => ReportStatus.Owed(r.Status)).Select(r => r.DueOn).Order(StringComparer.Ordinal).FirstOrDefault() ?? string.Empty
            : string.Empty;
        var partitions = new[] { AllGrants, OrganisationPartition(grant.OrganisationId) }
            .Concat(grant.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(CountryPartition))
            .Concat(grant.LedgerCount > 0 ? [FundPartition(grant.FundId)] : []);
        rows.AddRange(partitions.Select(p => Entry(grant, p, grant.PartitionKey, nextDue)));
        var reportAccepted = file.Reports.Where(r => r.Status == ReportStatus.Accepted).Select(r => r.Number).ToHashSet();
        foreach (var tranche in file.Tranches)
        {
            var partition = tranche.Status switch
            {
                TrancheStatus.Requested => AwaitingApproval,
                TrancheStatus.Approved => AwaitingPayment,
                TrancheStatus.Scheduled when grant.Status == GrantStatus.Active && (tranche.AfterReport is not { } r || reportAccepted.Contains(r)) => TranchesScheduled,
                _ => null,
            };
            if (partition is not null)
            {
                var row = Entry(grant, partition, ItemRow(grant.PartitionKey, tranche.Number), tranche.DueOn);
                (row.Number, row.AmountMinor, row.RequestedByEmail, row.RequestedAt, row.ApprovedByEmail, row.ApprovedAt) =
                    (tranche.Number, tranche.AmountMinor, tranche.RequestedByEmail, tranche.RequestedAt, tranche.ApprovedByEmail, tranche.ApprovedAt);
                rows.Add(row);
            }
        }

        foreach (var report in file.Reports)
        {
            var partition = report.Status == ReportStatus.Submitted ? ReportsSubmitted
                : grant.Status == GrantStatus.Active && ReportStatus.Owed(report.Status) ? ReportsOwed
                : null;
            if (partition is not null)
            {
                var row = Entry(grant, partition, ItemRow(grant.PartitionKey, report.Number), report.DueOn);
                (row.Number, row.Kind, row.Status) = (report.Number, report.Kind, report.Status);
                rows.Add(row);
            }
        }

        return rows;
    }

    private static GrantIndexEntry Entry(GrantEntity grant, string partition, string row, string dueOn) => new()
    {
        PartitionKey = partition,
        RowKey = row,
        GrantId = grant.PartitionKey,
        Status = grant.Status,
        Title = grant.Title,
        Reference = grant.Reference,
        OrganisationId = grant.OrganisationId,
        OrganisationName = grant.OrganisationName,
        Countries = grant.Countries,
        Currency = grant.Currency,
        AmountMinor = grant.AmountMinor,
        DisbursedMinor = grant.DisbursedMinor - grant.RefundedMinor,
        DueOn = dueOn,
        Version = grant.Version,
    };

    private async Task<IReadOnlyList<GrantIndexEntry>> ExistingAsync(GrantEntity grant, CancellationToken cancellationToken)
    {
        var id = grant.PartitionKey;
        var reads = ItemPartitions.Select(p => GrantReads.RangeAsync<GrantIndexEntry>(Client, p, id + "|", cancellationToken)).ToArray();
        await Task.WhenAll(reads);
        return reads.SelectMany(r => r.Result).ToArray();
    }

    private async Task DeleteAsync(GrantIndexEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await Client.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Another sync of the same grant deleted it first.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grant {GrantId} index not synced now; its owed sync message will: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string grantId, string reason);
}
