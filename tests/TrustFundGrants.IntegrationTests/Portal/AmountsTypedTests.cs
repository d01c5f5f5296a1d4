using Microsoft.Playwright;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Portal;

/// <summary>
/// How the portal reads an amount typed into any amount field (format.js, as every form uses it), on a page in
/// English, French and Spanish: each language's way of writing numbers is read alike, and the one ambiguous
/// shape ("45,000" / "45.000") is read as the page's language writes numbers, or refused, never misread.
/// </summary>
[Collection(ApplicantPortalCollection.Name)]
public sealed class AmountsTypedTests(RunnerFixture runner, BrowserFixture browser)
{
    // What was typed, then its value in cents (a USD amount) on an English, a French and a Spanish page;
    // null where the page refuses it as no amount.
    private static readonly (string Typed, string? English, string? French, string? Spanish)[] Cases =
    [
        ("45.000,50", "4500050", "4500050", "4500050"),
        ("45 000,50", "4500050", "4500050", "4500050"),
        ("45\u202f000,50", "4500050", "4500050", "4500050"),
        ("45,000.50", "4500050", "4500050", "4500050"),
        ("45'000.50", "4500050", "4500050", "4500050"),
        ("1.000.000", "100000000", "100000000", "100000000"),
        ("1,000,000", "100000000", "100000000", "100000000"),
        ("45,5", "4550", "4550", "4550"),
        ("45.50", "4550", "4550", "4550"),
        ("45000", "4500000", "4500000", "4500000"),

        // The ambiguous shape: a grouping sign in the page's language groups; its decimal sign would leave
        // three decimals in a two-decimal currency, so it is refused rather than read as 45.
        ("45,000", "4500000", null, null),
        ("45.000", null, "4500000", "4500000"),

        // Groups of other than three digits, two decimal signs, or more decimals than the currency has.
        ("4,50,000", null, null, null),
        ("45,000,50", null, null, null),
        ("45.505", null, "4550500", "4550500"),
        ("45.5050", null, null, null),
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("es")]
    public async Task AmountTyped_InEachLanguagesWay_IsReadAsThatAmountAndTheAmbiguousShapeNeverMisread(string language)
    {
        await using var context = await browser.NewContextAsync(runner.BaseAddress, "en-GB", language);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);

        var read = await page.EvaluateAsync<string?[]>(
            "async (typed) => { const format = await import('/shared/format.js'); return typed.map((each) => format.toMinor(each, 2)?.toString() ?? null); }",
            Cases.Select(c => c.Typed).ToArray());

        // Compared as "typed → cents" lines, so a failure names each amount read otherwise.
        var expected = Cases.Select(c => $"{c.Typed} → {(language switch { "en" => c.English, "fr" => c.French, _ => c.Spanish }) ?? "refused"}");
        Assert.Equal(expected, Cases.Select((c, i) => $"{c.Typed} → {read[i] ?? "refused"}"));
    }
}
