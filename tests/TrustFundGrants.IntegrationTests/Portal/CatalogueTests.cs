using System.Text.Json;
using System.Text.RegularExpressions;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// The portal's three catalogues (web/shared/i18n) against each other and against the pages: every key
/// in all three, the same placeholders and bracketed parts in each, and every key a page or script
/// names present. A missing text would otherwise show its key to a French or Spanish reader.
/// </summary>
public sealed partial class CatalogueTests
{
    private static readonly string Web = Path.Combine(Repo.Root, "web");
    private static readonly string[] Languages = ["en", "fr", "es"];

    private static Dictionary<string, string> Catalogue(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Web, "shared", "i18n", language + ".json")))!;

    [Fact]
    public void Catalogues_EveryKey_IsInAllThree()
    {
        var keys = Languages.ToDictionary(l => l, l => Catalogue(l).Keys.ToHashSet(StringComparer.Ordinal));

        foreach (var language in Languages)
        {
            foreach (var other in Languages.Where(o => o != language))
            {
                var missing = keys[language].Except(keys[other]).Order(StringComparer.Ordinal).ToArray();
                Assert.True(missing.Length == 0, $"{other}.json lacks keys {language}.json has: {string.Join(", ", missing.Take(20))}");
            }
        }
    }

    [Fact]
    public void Catalogues_EachText_HasTheSamePlaceholdersAndBracketsAsEnglish()
    {
        var english = Catalogue("en");
        foreach (var language in new[] { "fr", "es" })
        {
            foreach (var (key, text) in Catalogue(language))
            {
                Assert.True(Shape(english[key]) == Shape(text), $"{language}.json {key}: \"{text}\" does not keep the placeholders and [parts] of \"{english[key]}\".");
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}.json {key} is empty.");
            }
        }
    }

    [Fact]
    public void Pages_EveryKeyTheyName_IsInTheCatalogue()
    {
        var english = Catalogue("en");
        var named = new List<(string File, string Key)>();
        foreach (var file in Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories).Where(f => f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
        {
            // Comments show how keys are written; only code and markup name real ones.
            var text = string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !line.TrimStart().StartsWith('*')));
            named.AddRange(DataKey().Matches(text).Select(m => (file, m.Groups[1].Value)));
            named.AddRange(AttributeKeys().Matches(text).SelectMany(m => m.Groups[1].Value.Split(';')).Select(pair => (file, pair.Split(':')[1].Trim())));
            named.AddRange(ScriptKey().Matches(text).Select(m => (file, m.Groups[1].Value)));
        }

        Assert.NotEmpty(named);
        var missing = named.Where(n => !english.ContainsKey(n.Key) && !english.ContainsKey(n.Key + ".other"))
            .Select(n => $"{Path.GetRelativePath(Web, n.File)}: {n.Key}").Distinct().ToArray();
        Assert.True(missing.Length == 0, "Keys with no text: " + string.Join(", ", missing));
    }

    [Fact]
    public void SplitCatalogues_TogetherHoldEachLanguagesCatalogueExactly()
    {
        foreach (var language in Languages)
        {
            var parts = Directory.EnumerateFiles(Path.Combine(Web, "shared", "i18n", language), "*.json")
                .SelectMany(file => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!)
                .ToList();

            Assert.Equal(parts.Count, parts.Select(p => p.Key).Distinct().Count());
            Assert.Equal(Catalogue(language).OrderBy(p => p.Key, StringComparer.Ordinal), parts.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void EveryPage_EveryKeyItsFilesName_IsInTheSharedOrItsAreasCatalogue()
    {
        var pages = Directory.EnumerateFiles(Web, "*.html", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(pages);
        foreach (var page in pages)
        {
            var relative = Path.GetRelativePath(Web, page).Replace('\\', '/');
            var area = relative.Contains('/', StringComparison.Ordinal) ? relative.Split('/')[0] : "home";
            var html = File.ReadAllText(page);

            // The page's modules are its entry script and the modulepreload lines npm run pages writes from its imports.
            var files = ModuleUrl().Matches(html).Select(m => m.Groups[1].Value).Append("/shared/shell.js")
                .Select(url => File.ReadAllText(Path.Combine(Web, url.TrimStart('/'))))
                .Prepend(html);
            var named = files.SelectMany(KeysNamedIn).Distinct(StringComparer.Ordinal).ToList();
            foreach (var language in Languages)
            {
                var loaded = new[] { "shared", area }
                    .SelectMany(part => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Web, "shared", "i18n", language, part + ".json")))!.Keys)
                    .ToHashSet(StringComparer.Ordinal);
                var missing = named.Where(key => !loaded.Contains(key) && !loaded.Contains(key + ".other")).ToArray();
                Assert.True(missing.Length == 0, $"{relative} in {language} names keys its catalogues lack: {string.Join(", ", missing)}");
            }
        }
    }

    private static IEnumerable<string> KeysNamedIn(string text)
    {
        var code = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !line.TrimStart().StartsWith('*')));
        return DataKey().Matches(code).Select(m => m.Groups[1].Value)
            .Concat(AttributeKeys().Matches(code).SelectMany(m => m.Groups[1].Value.Split(';')).Select(pair => pair.Split(':')[1].Trim()))
            .Concat(ScriptKey().Matches(code).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex("<(?:script type=\"module\" src|link rel=\"modulepreload\" href)=\"([^\"]+)\"")]
    private static partial Regex ModuleUrl();

    private static string Shape(string text) =>
        string.Join(' ', Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)) + " [" + text.Count(c => c == '[') + "]";

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("data-i18n=\"([^\"]+)\"")]
    private static partial Regex DataKey();

    [GeneratedRegex("data-i18n-attr=\"([^\"]+)\"")]
    private static partial Regex AttributeKeys();

    [GeneratedRegex(@"\b(?:t|nodes|tElement)\(\s*'([\w.-]+)'")]
    private static partial Regex ScriptKey();
}
