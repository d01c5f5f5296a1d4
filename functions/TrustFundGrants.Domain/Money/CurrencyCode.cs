using System.Diagnostics.CodeAnalysis;

namespace TrustFundGrants.Domain;

/// <summary>
/// An ISO 4217 code from the IATI Currency codelist in which new amounts may be recorded.
/// Codes the codelist marks withdrawn do not parse, nor do codes without an ISO 4217 minor unit (XDR, XBT).
/// Only upper case parses: the codelist and every stored row use it, and one spelling per currency
/// keeps table keys and comparisons exact, so "usd" is refused rather than silently corrected.
/// </summary>
public readonly record struct CurrencyCode
{
    private readonly CurrencyDefinition? definition;

    private CurrencyCode(CurrencyDefinition definition) => this.definition = definition;

    /// <summary>False only for <c>default(CurrencyCode)</c>, which no parse produces.</summary>
    public bool IsKnown => definition is not null;

    public string Code => definition?.Code ?? string.Empty;

    public string Name => definition?.Name ?? string.Empty;

    /// <summary>The ISO 4217 exponent: how many decimals an amount has (USD 2, JPY 0, BHD 3).</summary>
    public int MinorUnits => definition?.MinorUnits
        ?? throw new InvalidOperationException("default(CurrencyCode) has no minor units; parse a code first.");

    public static bool TryParse([NotNullWhen(true)] string? code, out CurrencyCode currency)
    {
        if (code is not null && CurrencyTable.Usable.TryGetValue(code, out var found))
        {
            currency = new CurrencyCode(found);
            return true;
        }

        currency = default;
        return false;
    }

    public static CurrencyCode Parse(string code) =>
        TryParse(code, out var currency)
            ? currency
            : throw new FormatException($"'{code}' is not an ISO 4217 currency code in which amounts may be recorded.");

    public override string ToString() => Code;
}
