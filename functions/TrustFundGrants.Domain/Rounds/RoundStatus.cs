namespace TrustFundGrants.Domain;

/// <summary>
/// Where a call for proposals stands. Upcoming, Open and Closed follow from its dates alone, so no
/// timer has to flip them; Decided comes later from the Secretariat releasing decisions.
/// </summary>
public enum RoundStatus
{
    Upcoming,
    Open,
    Closed,
    Decided,
}

public static class RoundSchedule
{
    public static RoundStatus StatusAt(DateTimeOffset opensAt, DateTimeOffset closesAt, DateTimeOffset now, bool decided = false) =>
        decided ? RoundStatus.Decided
        : now < opensAt ? RoundStatus.Upcoming
        : now < closesAt ? RoundStatus.Open
        : RoundStatus.Closed;

    /// <summary>A round's terms may change only while nobody can have applied under them.</summary>
    public static bool IsEditable(DateTimeOffset opensAt, DateTimeOffset now) => now < opensAt;

    /// <summary>An instant as the round's own clock shows it, for deadlines people read.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, string timeZone) =>
        TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone));

    /// <summary>An IANA zone this machine knows ("Africa/Nairobi", "UTC"); Windows names are refused so stored data stays portable.</summary>
    public static bool IsIanaTimeZone(string? timeZone) =>
        timeZone is { Length: > 0 and <= 64 }
        && (timeZone == "UTC" || timeZone.Contains('/', StringComparison.Ordinal))
        && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
        && zone.HasIanaId;
}
