namespace TrustFundGrants.Domain;

/// <summary>
/// Whether an approval fits what is left of the round's envelope. <see cref="Remaining"/> is what is
/// left before this approval, the figure a refusal names; it is negative if approvals already overran.
/// </summary>
public sealed record EnvelopeCheck(bool Fits, Money Remaining);

/// <summary>
/// The rule behind "the total approved can never exceed the envelope". It is only as good as the
/// approved total it is given: the caller reads that total and writes the decision under one ETag, so
/// concurrent approvals cannot both pass on the same figure. When an existing approval is being changed,
/// leave its old amount out of <c>approved</c>.
/// </summary>
public static class EnvelopeGuard
{
    /// <exception cref="CurrencyMismatchException">The amounts are not all in the envelope's currency.</exception>
    public static EnvelopeCheck Check(Money envelope, Money approved, Money amount)
    {
        var remaining = envelope - approved;
        if (amount < Money.Zero(envelope.Currency))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An approved amount cannot be negative.");
        }

        return new EnvelopeCheck(amount <= remaining, remaining);
    }
}
