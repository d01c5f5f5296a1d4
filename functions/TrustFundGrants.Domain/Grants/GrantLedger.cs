namespace TrustFundGrants.Domain;

/// <summary>The kinds of money movement a grant's ledger holds.</summary>
public static class LedgerKind
{
    /// <summary>The grant's amount, committed when the agreement is accepted.</summary>
    public const string Commitment = "commitment";

    /// <summary>A tranche paid to the grantee.</summary>
    public const string Disbursement = "disbursement";

    /// <summary>Unspent money the grantee returned.</summary>
    public const string Refund = "refund";

    /// <summary>A change to the committed amount (positive or negative), e.g. releasing what close-out finds is not owed.</summary>
    public const string Adjustment = "adjustment";

    public static readonly IReadOnlyList<string> All = [Commitment, Disbursement, Refund, Adjustment];
}

/// <summary>One ledger line: what moved, how much. Amounts are positive except adjustments, which may go either way.</summary>
public sealed record LedgerMove(string Kind, long AmountMinor);

/// <summary>
/// The running totals a grant keeps beside its append-only ledger, so no read ever sums the ledger.
/// <see cref="Balance"/> is what is committed and not yet paid out.
/// </summary>
public sealed record GrantTotals(long CommittedMinor, long DisbursedMinor, long RefundedMinor)
{
    public static GrantTotals Zero { get; } = new(0, 0, 0);

    public long BalanceMinor => CommittedMinor - DisbursedMinor;

    /// <summary>The totals after <paramref name="move"/>, or the reason it is refused. Nothing is ever paid beyond what is committed.</summary>
    public (GrantTotals? Totals, string? Refusal) Apply(LedgerMove move)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (move.Kind != LedgerKind.Adjustment && move.AmountMinor <= 0)
        {
            return (null, "A ledger amount is above zero.");
        }

        return move.Kind switch
        {
            LedgerKind.Commitment when CommittedMinor != 0 => (null, "The grant is already committed."),
            LedgerKind.Commitment => (this with { CommittedMinor = move.AmountMinor }, null),
            LedgerKind.Disbursement when checked(DisbursedMinor + move.AmountMinor) > CommittedMinor =>
                (null, "This payment would take the amount paid beyond the amount committed."),
            LedgerKind.Disbursement => (this with { DisbursedMinor = DisbursedMinor + move.AmountMinor }, null),
            LedgerKind.Refund when checked(RefundedMinor + move.AmountMinor) > DisbursedMinor =>
                (null, "More would be refunded than was ever paid."),
            LedgerKind.Refund => (this with { RefundedMinor = RefundedMinor + move.AmountMinor }, null),
            LedgerKind.Adjustment when checked(CommittedMinor + move.AmountMinor) < DisbursedMinor =>
                (null, "The commitment cannot fall below what was already paid."),
            LedgerKind.Adjustment => (this with { CommittedMinor = CommittedMinor + move.AmountMinor }, null),
            _ => (null, $"Unknown ledger entry kind '{move.Kind}'."),
        };
    }

    /// <summary>Totals recomputed from the ledger itself, the figure the kept totals must always equal.</summary>
    public static GrantTotals Recompute(IEnumerable<LedgerMove> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        long committed = 0, disbursed = 0, refunded = 0;
        foreach (var move in ledger)
        {
            switch (move.Kind)
            {
                case LedgerKind.Commitment:
                case LedgerKind.Adjustment:
                    committed += move.AmountMinor;
                    break;
                case LedgerKind.Disbursement:
                    disbursed += move.AmountMinor;
                    break;
                case LedgerKind.Refund:
                    refunded += move.AmountMinor;
                    break;
                default:
                    throw new FormatException($"Unknown ledger entry kind '{move.Kind}'.");
            }
        }

        return new GrantTotals(committed, disbursed, refunded);
    }
}
