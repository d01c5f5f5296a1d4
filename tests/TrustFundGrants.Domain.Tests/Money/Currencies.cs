namespace TrustFundGrants.Domain.Tests;

internal static class Currencies
{
    public static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");
    public static readonly CurrencyCode Eur = CurrencyCode.Parse("EUR");
    public static readonly CurrencyCode Jpy = CurrencyCode.Parse("JPY");
}
