using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace TrustFundGrants.Domain;

/// <summary>
/// An ISO 3166-1 alpha-2 code from the IATI Country codelist, which also lists XK (Kosovo) as a user-assigned code.
/// Codes the codelist marks withdrawn do not parse.
/// Only upper case parses: the codelist and every stored row use it, and one spelling per country
/// keeps table keys and comparisons exact, so "ke" is refused rather than silently corrected.
/// </summary>
public readonly record struct CountryCode
{
    private readonly CountryDefinition? definition;

    private CountryCode(CountryDefinition definition) => this.definition = definition;

    /// <summary>Every country that parses, once each, sorted by name in the invariant culture: the options of a country select.</summary>
    public static IReadOnlyList<CountryCode> All { get; } =
        new ReadOnlyCollection<CountryCode>([.. CountryTable.UsableByName.Select(found => new CountryCode(found))]);

    /// <summary>False only for <c>default(CountryCode)</c>, which no parse produces.</summary>
    public bool IsKnown => definition is not null;

    public string Code => definition?.Code ?? string.Empty;

    /// <summary>The English short name exactly as the codelist gives it, e.g. "Philippines (the)".</summary>
    public string Name => definition?.Name ?? string.Empty;

    public static bool TryParse([NotNullWhen(true)] string? code, out CountryCode country)
    {
        if (code is not null && CountryTable.Usable.TryGetValue(code, out var found))
        {
            country = new CountryCode(found);
            return true;
        }

        country = default;
        return false;
    }

    public static CountryCode Parse(string code) =>
        TryParse(code, out var country)
            ? country
            : throw new FormatException($"'{code}' is not an ISO 3166-1 alpha-2 country code that may be recorded.");

    public override string ToString() => Code;
}
