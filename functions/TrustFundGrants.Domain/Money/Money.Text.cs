using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TrustFundGrants.Domain;

/// <summary>
/// The API's string form of an amount, e.g. "1234.56". It is parsed digit by digit rather than through
/// decimal.Parse so that nothing is rounded, no culture leaks in, and every refusal can say what is wrong.
/// </summary>
public readonly partial record struct Money
{
    private const string FormatError =
        "Amount must be digits with an optional '.' and decimals, such as 1234.56: "
        + "no spaces, no '+', no thousands separators, no exponent.";

    /// <summary>
    /// Refuses rather than rounds: more decimals than the currency has (even trailing zeros, e.g. "5.0" in JPY)
    /// and amounts beyond Int64 minor units are errors. Negative amounts are refused unless
    /// <paramref name="allowNegative"/> is set, because almost every amount a user enters (a budget,
    /// a request, a payment) must not be below zero.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? amount,
        CurrencyCode currency,
        out Money money,
        [NotNullWhen(false)] out string? error,
        bool allowNegative = false)
    {
        money = default;
        if (!currency.IsKnown)
        {
            throw new ArgumentException("Parse the currency before the amount.", nameof(currency));
        }

        error = Parse(amount, currency, allowNegative, out var minorUnits);
        if (error is not null)
        {
            return false;
        }

        money = new Money(minorUnits, currency);
        return true;
    }

    /// <summary>Exactly the currency's number of decimals, '.' as separator: "25000.00", JPY "25000", BHD "1.500".</summary>
    public string FormatAmount()
    {
        var exponent = Currency.MinorUnits;
        var magnitude = Magnitude(MinorUnits);
        var scale = PowerOfTen(exponent);
        var sign = MinorUnits < 0 ? "-" : string.Empty;
        var whole = (magnitude / scale).ToString(CultureInfo.InvariantCulture);
        return exponent == 0
            ? sign + whole
            : $"{sign}{whole}.{(magnitude % scale).ToString("D" + exponent, CultureInfo.InvariantCulture)}";
    }

    /// <summary>For logs and messages; the API carries <see cref="FormatAmount"/> and the code separately.</summary>
    public override string ToString() => $"{FormatAmount()} {Currency}";

    private static string? Parse(string? amount, CurrencyCode currency, bool allowNegative, out long minorUnits)
    {
        minorUnits = 0;
        if (string.IsNullOrEmpty(amount))
        {
            return "Amount is required.";
        }

        var text = amount.AsSpan();
        var negative = text[0] == '-';
        if (negative)
        {
            if (!allowNegative)
            {
                return "Amount must not be negative.";
            }

            text = text[1..];
        }

        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.IsEmpty || (point >= 0 && fraction.IsEmpty) || !IsDigits(whole) || !IsDigits(fraction))
        {
            return FormatError;
        }

        var exponent = currency.MinorUnits;
        if (fraction.Length > exponent)
        {
            return exponent == 0
                ? $"{currency} amounts have no decimals."
                : $"{currency} amounts have at most {exponent} decimals.";
        }

        // Int64.MinValue has no positive counterpart, so the limit on the magnitude depends on the sign.
        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        // "12.5" in USD is the digits of 12 and .5 padded to two decimals: 1250 cents.
        var digits = string.Concat(whole, fraction, new string('0', exponent - fraction.Length));
        if (!TryAccumulate(digits, out var magnitude) || magnitude > limit)
        {
            var bound = new Money(negative ? long.MinValue : long.MaxValue, currency);
            return $"Amount is out of range: the {(negative ? "lowest" : "highest")} {currency} amount is {bound.FormatAmount()}.";
        }

        minorUnits = unchecked((long)(negative ? 0UL - magnitude : magnitude));
        return null;
    }

    private static bool TryAccumulate(ReadOnlySpan<char> digits, out ulong magnitude)
    {
        magnitude = 0;
        foreach (var c in digits)
        {
            var digit = (ulong)(c - '0');
            if (magnitude > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        return true;
    }

    // Only ASCII digits: char.IsDigit would also let Arabic-Indic and other scripts' digits through.
    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');

    private static ulong Magnitude(long value) => value < 0 ? unchecked(0UL - (ulong)value) : (ulong)value;

    private static ulong PowerOfTen(int exponent)
    {
        ulong result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
