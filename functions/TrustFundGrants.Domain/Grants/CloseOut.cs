namespace TrustFundGrants.Domain;

/// <summary>
/// What accepting the final report settles, from what was reported spent against what was paid and
/// what is still scheduled: the last tranches are paid only as far as the spending reaches, the
/// commitment is released by what will never be paid, and money paid but not spent is owed back.
/// </summary>
public sealed record CloseOutPlan(long PayNowMinor, long ReleaseMinor, long RefundOwedMinor)
{
    public static CloseOutPlan For(GrantTotals totals, long spentMinor)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var net = totals.DisbursedMinor - totals.RefundedMinor;
        var spent = Math.Clamp(spentMinor, 0, totals.CommittedMinor);
        if (spent >= net)
        {
            // Spent at least what was paid: the remaining tranches cover the difference, the rest is released.
            var payNow = Math.Min(spent - net, totals.BalanceMinor);
            return new CloseOutPlan(payNow, totals.BalanceMinor - payNow, 0);
        }

        return new CloseOutPlan(0, totals.BalanceMinor, net - spent);
    }
}
