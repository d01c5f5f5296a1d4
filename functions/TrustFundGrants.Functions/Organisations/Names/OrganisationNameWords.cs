using System.Globalization;
using System.Text;

namespace TrustFundGrants.Functions.Organisations.Names;

/// <summary>
/// The words of an organisation's name as the search compares them: lower case, accents removed, split on
/// anything that is not a letter or a digit ("Fundación Casa-Refugio" is "fundacion", "casa", "refugio").
/// The same function reads names into the index and queries out of it, so the two always agree.
/// </summary>
public static class OrganisationNameWords
{
    public static IReadOnlyList<string> Of(string? text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in (text ?? string.Empty).Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else
            {
                Flush(word, words);
            }
        }

        Flush(word, words);
        return words;
    }

    /// <summary>The partition a word's rows live in: its first character (both halves of a surrogate pair).</summary>
    public static string Partition(string word)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        return word[..(char.IsHighSurrogate(word[0]) && word.Length > 1 ? 2 : 1)];
    }

    /// <summary>The first key after every key that starts with <paramref name="prefix"/>: its last character, one higher.</summary>
    public static string After(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }

    /// <summary>Whether every query word begins one of the name's words (in any order).</summary>
    public static bool Matches(IReadOnlyList<string> nameWords, IReadOnlyList<string> queryWords)
    {
        ArgumentNullException.ThrowIfNull(nameWords);
        ArgumentNullException.ThrowIfNull(queryWords);
        return queryWords.All(q => nameWords.Any(w => w.StartsWith(q, StringComparison.Ordinal)));
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
