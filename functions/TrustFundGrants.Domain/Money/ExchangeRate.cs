using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace TrustFundGrants.Domain;

/// <summary>
/// The rate at which money received in one currency was credited in another, kept exactly as entered
/// ("1.0834") because it is what the bank statement says: one unit of <see cref="From"/> is
/// <see cref="Text"/> units of <see cref="To"/>. Conversion is exact integer arithmetic on the digits and
/// rounds once, to the nearest minor unit of the target currency, a half going away from zero.
/// </summary>
public sealed record ExchangeRate
{
    public const int MaxDecimals = 10;

    private ExchangeRate(CurrencyCode from, CurrencyCode to, string text, BigInteger digits, int decimals)
    {
        From = from;
        To = to;
        Text = text;
        Digits = digits;
        Decimals = decimals;
    }

    public CurrencyCode From { get; }

    public CurrencyCode To { get; }

    /// <summary>The rate exactly as it was entered.</summary>
    public string Text { get; }

    private BigInteger Digits { get; }

    private int Decimals { get; }

    public static bool TryParse(
        string? text, CurrencyCode from, CurrencyCode to, [NotNullWhen(true)] out ExchangeRate? rate, [NotNullWhen(false)] out string? error)
    {
        rate = null;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "Give the exchange rate used, such as 1.0834.";
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0)
            || whole.AsSpan().ContainsAnyExceptInRange('0', '9') || fraction.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            error = "The exchange rate is digits with an optional '.' and decimals, such as 1.0834; no sign, spaces or exponent.";
            return false;
        }

        if (fraction.Length > MaxDecimals || whole.Length > 12)
        {
            error = $"The exchange rate has at most 12 digits before the point and {MaxDecimals} after it.";
            return false;
        }

        var digits = BigInteger.Parse(whole + fraction, System.Globalization.CultureInfo.InvariantCulture);
        if (digits.IsZero)
        {
            error = "The exchange rate must be above zero.";
            return false;
        }

        rate = new ExchangeRate(from, to, text, digits, fraction.Length);
        return true;
    }

    /// <summary>
    /// amount × rate in <see cref="To"/>: minor units × digits × 10^(to exponent) ÷ 10^(decimals + from exponent),
    /// rounded half away from zero. Throws when the result does not fit Int64 minor units.
    /// </summary>
    public Money Convert(Money amount)
    {
        if (amount.Currency != From)
        {
            throw new CurrencyMismatchException(amount.Currency, From);
        }

        var numerator = amount.MinorUnits * Digits * BigInteger.Pow(10, To.MinorUnits);
        var denominator = BigInteger.Pow(10, Decimals + From.MinorUnits);
        var quotient = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out var remainder);
        if (remainder * 2 >= denominator)
        {
            quotient++;
        }

        var signed = numerator.Sign < 0 ? -quotient : quotient;
        return new Money(checked((long)signed), To);
    }
}
