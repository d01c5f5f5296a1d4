using System.Collections.Frozen;
using System.Globalization;

namespace TrustFundGrants.Domain;

/// <summary>
/// The countries that may be recorded, read once from the embedded countries.txt.
/// Withdrawn codes stay in the file, so that it remains a faithful copy of the codelist,
/// but are left out here: they name countries that no longer exist (AN, Netherlands Antilles).
/// </summary>
internal static class CountryTable
{
    private const string ResourceName = "TrustFundGrants.Domain.Geography.countries.txt";

    public static FrozenDictionary<string, CountryDefinition> Usable { get; } = Load();

    /// <summary>
    /// The usable countries sorted by name for a select list. The comparison is the invariant culture's,
    /// not ordinal, so that "Åland Islands" sorts beside "Albania" rather than after "Zimbabwe",
    /// and not the current culture's, so that the order is the same on every server.
    /// </summary>
    public static IReadOnlyList<CountryDefinition> UsableByName { get; } = Usable.Values
        .OrderBy(country => country.Name, StringComparer.InvariantCulture)
        .ThenBy(country => country.Code, StringComparer.Ordinal)
        .ToArray();

    private static FrozenDictionary<string, CountryDefinition> Load()
    {
        using var stream = typeof(CountryTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var usable = new Dictionary<string, CountryDefinition>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var (code, status, name) = line.Split(' ', 3) switch
            {
                [var c, var s, var n] => (c, s, n),
                _ => throw new InvalidDataException($"{ResourceName}: malformed line '{line}'."),
            };
            var withdrawn = status switch
            {
                "active" => false,
                "withdrawn" => true,
                _ => throw new InvalidDataException($"{ResourceName}: unknown status on line '{line}'."),
            };
            if (!withdrawn)
            {
                usable.Add(code, new CountryDefinition(code, name));
            }
        }

        return usable.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

internal sealed record CountryDefinition(string Code, string Name);
