using System.Collections.Frozen;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// Every text the app emails, one catalogue per language (Catalogue/{en,fr,es}.json, embedded), the
/// server's counterpart of the portal's web/shared/i18n. A letter is "{kind}.subject" and
/// "{kind}.text" (and "{kind}.html" where a button reads better than a bare link); values fill
/// "{name}" placeholders. A key or a value missing is an error, never an email with a hole in it:
/// a test renders every letter in every language.
/// </summary>
public static partial class EmailCatalogue
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Texts = Languages.ToFrozenDictionary(l => l, Load, StringComparer.Ordinal);

    /// <summary>Every key of a catalogue, for the test that holds the three to one another.</summary>
    public static IReadOnlyCollection<string> KeysOf(string language) => Texts[language].Keys;

    /// <summary>The placeholders a text uses, for the same test.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string language, string key) =>
        Placeholder().Matches(Texts[language][key]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static bool Has(string language, string key) => Texts[Known(language)].ContainsKey(key);

    /// <summary>One text with its placeholders filled; in <paramref name="html"/> the values are HTML-encoded.</summary>
    public static string Render(string language, string key, IReadOnlyDictionary<string, string> values, bool html = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Texts[Known(language)].TryGetValue(key, out var template))
        {
            throw new KeyNotFoundException($"The {language} email catalogue has no text '{key}'.");
        }

        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new KeyNotFoundException($"Email text '{key}' needs a value for {{{name}}}.");
            }

            return html ? WebUtility.HtmlEncode(value) : value;
        });
    }

    /// <summary>The letter "{kind}.*" to <paramref name="to"/> in <paramref name="language"/>.</summary>
    public static EmailMessage Letter(string to, string language, string kind, IReadOnlyDictionary<string, string> values, string? replyTo = null)
    {
        var html = Has(language, kind + ".html") ? Render(language, kind + ".html", values, html: true) : null;
        return new EmailMessage(to, Render(language, kind + ".subject", values), Render(language, kind + ".text", values), html) { ReplyTo = replyTo };
    }

    private static string Known(string language) =>
        Texts.ContainsKey(language) ? language : throw new ArgumentException($"No email catalogue for '{language}'.", nameof(language));

    private static FrozenDictionary<string, string> Load(string language)
    {
        var name = $"TrustFundGrants.Functions.Platform.Email.Catalogue.{language}.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The email catalogue {name} is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            // A long text is written as an array of lines, so the catalogue stays readable and diffable.
            texts[entry.Name] = entry.Value.ValueKind == JsonValueKind.Array
                ? string.Join('\n', entry.Value.EnumerateArray().Select(l => l.GetString()))
                : entry.Value.GetString() ?? string.Empty;
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{([a-zA-Z][a-zA-Z0-9]*)\}")]
    private static partial Regex Placeholder();
}
