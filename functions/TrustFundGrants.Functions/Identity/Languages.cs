namespace TrustFundGrants.Functions.Identity;

/// <summary>The languages the portal and its emails are written in (ISO 639-1 codes).</summary>
public static class Languages
{
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [English, "fr", "es"];

    /// <summary>The language to write to someone in: theirs when it is one of ours, else English.</summary>
    public static string Or(string? language) => language is not null && Supported.Contains(language, StringComparer.Ordinal) ? language : English;

    /// <summary>Why a requested language cannot be used, or null when it can.</summary>
    public static string? Problem(string? language) =>
        language is not null && Supported.Contains(language, StringComparer.Ordinal)
            ? null
            : "Choose one of the portal's languages: en (English), fr (French) or es (Spanish).";
}
