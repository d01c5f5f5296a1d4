using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>Adds a ledger entry to a change and moves the grant's totals with it, refusing what the ledger rules refuse.</summary>
public static class GrantLedgerWrites
{
    /// <summary>The change with the entry and new totals, or null when the ledger refuses the move (e.g. paying beyond the commitment).</summary>
    public static GrantChange? Append(GrantChange change, string kind, long amountMinor, DateTimeOffset at, string by, string note, int? tranche, string? reference)
    {
        ArgumentNullException.ThrowIfNull(change);
        var grant = change.Grant;
        var (totals, _) = grant.Totals.Apply(new LedgerMove(kind, amountMinor));
        if (totals is null)
        {
            return null;
        }

        grant.Keep(totals);
        grant.LedgerCount++;
        return change.Adding(new LedgerEntryEntity
        {
            PartitionKey = grant.PartitionKey,
            RowKey = LedgerEntryEntity.RowKeyFor(grant.LedgerCount),
            Sequence = grant.LedgerCount,
            Kind = kind,
            AmountMinor = amountMinor,
            Currency = grant.Currency,
            At = at,
            ByEmail = by,
            Note = note,
            TrancheNumber = tranche,
            Reference = reference,
        });
    }
}
