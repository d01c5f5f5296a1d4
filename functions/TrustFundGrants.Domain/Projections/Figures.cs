namespace TrustFundGrants.Domain;

/// <summary>
/// Money figures in the fund's minor units. Available is what the fund can still commit:
/// received − committed + refunded (a refund returns committed money that was not spent).
/// Delivery is disbursed ÷ committed in basis points, rounded down, or null with nothing committed.
/// </summary>
public sealed record Figures(long Received, long Committed, long Disbursed, long Refunded)
{
    public static Figures None { get; } = new(0, 0, 0, 0);

    public long Available => Received - Committed + Refunded;

    public int? DeliveryBasisPoints => Committed <= 0 ? null : (int)Math.Min(int.MaxValue, Disbursed * 10_000L / Committed);

    public bool IsZero => this == None;

    public Figures Plus(Figures other, int sign)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            checked(Received + (sign * other.Received)),
            checked(Committed + (sign * other.Committed)),
            checked(Disbursed + (sign * other.Disbursed)),
            checked(Refunded + (sign * other.Refunded)));
    }

    public static Figures Of(FlowKind kind, long minorUnits) => kind switch
    {
        FlowKind.Commitment => new(0, minorUnits, 0, 0),
        FlowKind.Disbursement => new(0, 0, minorUnits, 0),
        FlowKind.Refund => new(0, 0, 0, minorUnits),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>One donor's figures: pledged and received in the fund's currency, and received by earmark ("" for unearmarked).</summary>
public sealed record DonorFigures(long Received, IReadOnlyDictionary<string, long> ReceivedByEarmark);
