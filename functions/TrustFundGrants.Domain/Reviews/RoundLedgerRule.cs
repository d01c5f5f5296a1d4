namespace TrustFundGrants.Domain;

/// <summary>
/// The round's approved total follows every change to an approval: a new approval adds, a changed
/// amount adds the difference, a rejection, waitlisting or withdrawal of an approval takes it back out.
/// The total equals the sum of the approvals held and released, and never exceeds the envelope.
/// </summary>
public static class RoundLedgerRule
{
    /// <summary>
    /// The total after one application's approved amount goes from <paramref name="before"/> to
    /// <paramref name="after"/> (zero for none), or the refusal when a rise would pass the envelope.
    /// A change that lowers the total always fits, even in a round that somehow overran.
    /// </summary>
    public static LedgerChange Apply(Money envelope, Money total, Money before, Money after)
    {
        var others = total - before;
        var check = EnvelopeGuard.Check(envelope, others, after);
        var fits = check.Fits || after <= before;
        return new LedgerChange(fits, others + after, check.Remaining, after != before);
    }
}

/// <summary>
/// <see cref="Fits"/>: the change may commit; <see cref="Total"/>: the round's approved total after it;
/// <see cref="Remaining"/>: what the envelope leaves for this application (the figure a refusal names);
/// <see cref="Changed"/>: whether the total moves at all (when not, the ledger row is left alone).
/// </summary>
public sealed record LedgerChange(bool Fits, Money Total, Money Remaining, bool Changed);
