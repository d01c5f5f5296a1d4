using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A grant closes once its final report is accepted, every tranche is paid or cancelled, and every refund
/// owed is received. Called in each change that can complete that (a payment, a refund, accepting the final report).
/// </summary>
public static class GrantClosing
{
    public static void CloseIfSettled(GrantFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var grant = file.Grant;
        if (grant.Status == GrantStatus.Active
            && grant.FinalReportAccepted
            && file.Tranches.All(t => t.Status is TrancheStatus.Paid or TrancheStatus.Cancelled)
            && grant.RefundedMinor >= grant.RefundOwedMinor)
        {
            grant.Status = GrantStatus.Closed;
            grant.StatusReason = grant.RefundOwedMinor > 0 ? "Final report accepted and the unspent money refunded." : "Final report accepted and every tranche settled.";
        }
    }
}
