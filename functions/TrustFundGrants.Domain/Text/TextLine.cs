using System.Globalization;
using System.Text;

namespace TrustFundGrants.Domain;

/// <summary>
/// The rule for every one-line text field (names, titles, registration numbers): no control
/// characters (CR, LF and tab would let a value forge extra lines in an email header, a CSV row or a
/// log) and no invisible format characters (bidirectional overrides such as U+202E make
/// "invoice‮fdp.exe" read as "invoiceexe.pdf"; zero-width characters make two names look the same).
/// </summary>
public static class TextLine
{
    public const string ForbiddenMessage = "Use one line of visible text: no line breaks, tabs or invisible formatting characters.";

    /// <summary>Control (Cc), format (Cf, which holds every bidirectional control) and line/paragraph separators.</summary>
    public static bool IsForbidden(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    public static bool HasForbidden(string? value) => value is not null && value.Any(IsForbidden);

    /// <summary>
    /// Why <paramref name="value"/> is not an acceptable one-line field of <paramref name="min"/> to
    /// <paramref name="max"/> characters once trimmed, or null when it is.
    /// </summary>
    public static string? Problem(string? value, int min, int max)
    {
        if (HasForbidden(value))
        {
            return ForbiddenMessage;
        }

        var length = value?.Trim().Length ?? 0;
        return length < min || length > max
            ? min > 0 ? $"Give {min} to {max} characters." : $"At most {max} characters."
            : null;
    }

    /// <summary>
    /// A value made safe to place in one line (an email subject, a file name): runs of white space
    /// (line breaks and tabs too) made one space, other forbidden characters dropped, cut to <paramref name="max"/> characters without
    /// splitting a surrogate pair. For values stored before the rule held, or that never passed it.
    /// </summary>
    public static string Sanitize(string? value, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var line = new StringBuilder(Math.Min(value?.Length ?? 0, max));
        var space = false;
        foreach (var c in value ?? string.Empty)
        {
            // Line breaks and tabs separate words, so they become one space; other forbidden characters go.
            if (char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (IsForbidden(c))
            {
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
        }

        var text = line.ToString();
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut].TrimEnd();
    }
}
