using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A grant agreement, in the grants table. PartitionKey: the grant's id, which is its application's id
/// (so a second creation finds the first); RowKey "grant". The same partition holds its tranches
/// ("tranche-NN"), reports ("report-NN"), their attachments, amendments, its ledger ("ledger-NNNNNN"),
/// payment references ("payref-..."), reminder markers and outbox rows, so a payment, its ledger entry
/// and the totals below commit in one transaction. Every change rewrites this row under the ETag it was
/// read with (and bumps <see cref="Version"/>), so two changes to one grant never both pass on the same state.
/// </summary>
public sealed class GrantEntity : ITableEntity
{
    public const string Row = "grant";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string FundId { get; set; } = string.Empty;

    public string RoundId { get; set; } = string.Empty;

    public string OrganisationId { get; set; } = string.Empty;

    public string OrganisationName { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string Reference { get; set; } = string.Empty;

    public string Currency { get; set; } = string.Empty;

    public long AmountMinor { get; set; }

    /// <summary>The approved budget lines (amended by budget moves) as JSON: category, description, amountMinor.</summary>
    public string BudgetJson { get; set; } = "[]";

    /// <summary>What accepted reports spent on each budget line so far, as a JSON array of minor units.</summary>
    public string SpentJson { get; set; } = "[]";

    /// <summary>ISO country codes, comma-separated.</summary>
    public string Countries { get; set; } = string.Empty;

    public string ExploitationForms { get; set; } = string.Empty;

    public string TargetGroupsJson { get; set; } = "[]";

    /// <summary>Who the NGO's grant emails go to: the person who submitted the application.</summary>
    public string ContactEmail { get; set; } = string.Empty;

    public string Status { get; set; } = GrantStatus.Draft;

    public string? StatusReason { get; set; }

    /// <summary>yyyy-MM-dd; empty until the terms are set.</summary>
    public string StartDate { get; set; } = string.Empty;

    public string EndDate { get; set; } = string.Empty;

    public DateTimeOffset? SentAt { get; set; }

    public string? AcceptedByName { get; set; }

    public string? AcceptedByTitle { get; set; }

    public string? AcceptedByUserId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public long CommittedMinor { get; set; }

    public long DisbursedMinor { get; set; }

    public long RefundedMinor { get; set; }

    /// <summary>Unspent money the final report showed, owed back; the grant closes once refunds reach it.</summary>
    public long RefundOwedMinor { get; set; }

    public bool FinalReportAccepted { get; set; }

    public int LedgerCount { get; set; }

    public int AmendmentCount { get; set; }

    public long Version { get; set; }

    /// <summary>The id of the change that last wrote this row: a transaction the SDK resent after it committed recognises itself.</summary>
    public string LastChangeId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    [IgnoreDataMember]
    public CurrencyCode CurrencyCode => Domain.CurrencyCode.Parse(Currency);

    [IgnoreDataMember]
    public GrantTotals Totals => new(CommittedMinor, DisbursedMinor, RefundedMinor);

    public void Keep(GrantTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        (CommittedMinor, DisbursedMinor, RefundedMinor) = (totals.CommittedMinor, totals.DisbursedMinor, totals.RefundedMinor);
    }
}
