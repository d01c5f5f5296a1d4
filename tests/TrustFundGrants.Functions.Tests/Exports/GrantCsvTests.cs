using TrustFundGrants.Functions.Exports;

namespace TrustFundGrants.Functions.Tests.Exports;

public class GrantCsvTests
{
    [Fact]
    public async Task WriteGrantsAsync_TitleWithFormulaQuotesAndComma_IsQuotedAndNeutralised()
    {
        var grant = ExportSamples.Grant("g-1", "=HYPERLINK(\"x\"), now", new TrustFundGrants.Functions.Projections.GrantRecipient("o", "NGO", "NG", false), ["NG"], "Active");
        using var stream = new MemoryStream();

        await GrantCsv.WriteGrantsAsync(stream, ExportSamples.Context(isPublic: true), ExportSamples.Stream([grant]), CancellationToken.None);

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n");
        Assert.Equal("grant_id,title,recipient,countries,status,start,end,currency,committed,disbursed,refunded", lines[0]);
        Assert.Equal("g-1,\"'=HYPERLINK(\"\"x\"\"), now\",NGO,NG,Active,2025-03-01,2026-02-28,USD,40000.00,16000.00,123.45", lines[1]);
    }

    [Fact]
    public async Task WriteDisbursementsAsync_Public_NamesUnnamedOrganisationsByCountryOnly()
    {
        using var stream = new MemoryStream();

        await GrantCsv.WriteDisbursementsAsync(stream, ExportSamples.Context(isPublic: true), ExportSamples.Stream(ExportSamples.Grants()), CancellationToken.None);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain(ExportSamples.HiddenName, text, StringComparison.Ordinal);
        Assert.Contains("0193e0a4-0000-7000-8000-0000000000a2,An organisation in Cambodia,2025-03-10,disbursement,USD,16000.00", text, StringComparison.Ordinal);
        Assert.Equal(5, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
