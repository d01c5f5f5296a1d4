using System.Collections.Frozen;
using System.Globalization;

namespace TrustFundGrants.Domain;

/// <summary>
/// The currencies in which new amounts may be recorded, read once from the embedded currencies.txt.
/// Withdrawn codes and codes without an ISO 4217 minor unit stay in the file, so that it remains a
/// faithful copy of the codelist, but are left out here: an amount in them could not be stored exactly.
/// </summary>
internal static class CurrencyTable
{
    private const string ResourceName = "TrustFundGrants.Domain.Money.currencies.txt";

    public static FrozenDictionary<string, CurrencyDefinition> Usable { get; } = Load();

    private static FrozenDictionary<string, CurrencyDefinition> Load()
    {
        using var stream = typeof(CurrencyTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var usable = new Dictionary<string, CurrencyDefinition>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var (code, minorUnits, status, name) = line.Split(' ', 4) switch
            {
                [var c, var m, var s, var n] => (c, m, s, n),
                _ => throw new InvalidDataException($"{ResourceName}: malformed line '{line}'."),
            };
            var withdrawn = status switch
            {
                "active" => false,
                "withdrawn" => true,
                _ => throw new InvalidDataException($"{ResourceName}: unknown status on line '{line}'."),
            };
            if (!withdrawn && minorUnits != "-")
            {
                usable.Add(code, new CurrencyDefinition(code, name, int.Parse(minorUnits, NumberStyles.None, CultureInfo.InvariantCulture)));
            }
        }

        return usable.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

internal sealed record CurrencyDefinition(string Code, string Name, int MinorUnits);
