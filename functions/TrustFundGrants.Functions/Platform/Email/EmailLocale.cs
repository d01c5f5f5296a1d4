using System.Globalization;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// How one email writes dates, times and money: in the recipient's language (its CultureInfo) and on
/// the round's clock, named, so "17:00" is never read as the reader's own time.
/// </summary>
public sealed record EmailLocale(string Language, string TimeZone = "UTC")
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(Language);

    /// <summary>"Tuesday, 1 December 2026, 17:00 (Europe/Paris)" in the language's own words and order.</summary>
    public string DateTime(DateTimeOffset instant)
    {
        var local = RoundSchedule.InZone(instant, TimeZone);
        return $"{local.ToString(Culture.DateTimeFormat.LongDatePattern, Culture)}, {local.ToString("HH:mm", Culture)} ({TimeZone})";
    }

    /// <summary>The day an instant falls on, on the round's clock.</summary>
    public string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(RoundSchedule.InZone(instant, TimeZone).DateTime));

    public string Date(DateOnly day) => day.ToString(Culture.DateTimeFormat.LongDatePattern, Culture);

    /// <summary>"45,000.50 USD", "45 000,50 USD", "45.000,50 USD": the language's digit grouping, the currency's decimals, the ISO code.</summary>
    public string Money(Money amount)
    {
        var value = decimal.Parse(amount.FormatAmount(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return value.ToString("N" + amount.Currency.MinorUnits.ToString(CultureInfo.InvariantCulture), Culture) + " " + amount.Currency.Code;
    }
}
