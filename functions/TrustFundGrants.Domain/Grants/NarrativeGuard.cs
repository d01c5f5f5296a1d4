using System.Text.RegularExpressions;

namespace TrustFundGrants.Domain;

/// <summary>
/// Narrative reports are about activities, never about a person: a text that holds an email address or
/// a phone number could identify a survivor or a staff member at risk, so it is refused with the reason.
/// </summary>
public static partial class NarrativeGuard
{
    public const int MaxLength = 8000;

    /// <summary>Why <paramref name="text"/> is refused, or null.</summary>
    public static string? Check(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxLength)
        {
            return $"At most {MaxLength:N0} characters.";
        }

        if (EmailPattern().IsMatch(text))
        {
            return "Remove the email address: reports hold no contact details, so no one can be identified from them.";
        }

        return HasPhoneNumber(text)
            ? "Remove the phone number: reports hold no contact details, so no one can be identified from them."
            : null;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+\s*(@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex EmailPattern();

    // Seven or more digits, optionally after a "+", in groups separated by spaces, dots, dashes or brackets:
    // phone numbers in any country's habit. Years ("2024"), amounts ("45,000.00": the comma ends a run) and
    // dates ("2026-01-15") stay allowed.
    [GeneratedRegex(@"(?<!\w)\+?\s?\(?\d[\d\s().\-]{5,}\d(?!\w)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhoneCandidate();

    // Numbers split by spaces alone need eight digits, so "in 2025 120 women" reads as a year and a count.
    private static bool HasPhoneNumber(string text) =>
        PhoneCandidate().Matches(text).Any(m =>
        {
            var value = m.Value.Trim();
            var digits = value.Count(char.IsAsciiDigit);
            var spacesOnly = !value.Any(c => c is '+' or '-' or '.' or '(' or ')');
            return digits >= (spacesOnly && value.Contains(' ', StringComparison.Ordinal) ? 8 : 7) && !DatePattern().IsMatch(value);
        });

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DatePattern();
}
