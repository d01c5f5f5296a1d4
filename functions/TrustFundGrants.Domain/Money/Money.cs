namespace TrustFundGrants.Domain;

/// <summary>
/// An amount held as Int64 minor units (cents for USD, yen for JPY, fils for BHD) of one currency,
/// because Table Storage has no decimal and a double cannot hold cents exactly.
/// Arithmetic and ordering refuse to mix currencies and refuse to wrap around on overflow.
/// </summary>
public readonly partial record struct Money(long MinorUnits, CurrencyCode Currency) : IComparable<Money>
{
    public CurrencyCode Currency { get; } = Currency.IsKnown
        ? Currency
        : throw new ArgumentException("An amount needs a parsed currency, not default(CurrencyCode).", nameof(Currency));

    public static Money Zero(CurrencyCode currency) => new(0, currency);

    public static Money Sum(IEnumerable<Money> amounts, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero(currency);
        foreach (var amount in amounts)
        {
            total += amount;
        }

        return total;
    }

    public static Money operator +(Money left, Money right)
    {
        RequireSameCurrency(left, right);
        return left with { MinorUnits = checked(left.MinorUnits + right.MinorUnits) };
    }

    public static Money operator -(Money left, Money right)
    {
        RequireSameCurrency(left, right);
        return left with { MinorUnits = checked(left.MinorUnits - right.MinorUnits) };
    }

    public int CompareTo(Money other)
    {
        RequireSameCurrency(this, other);
        return MinorUnits.CompareTo(other.MinorUnits);
    }

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    private static void RequireSameCurrency(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new CurrencyMismatchException(left.Currency, right.Currency);
        }
    }
}
