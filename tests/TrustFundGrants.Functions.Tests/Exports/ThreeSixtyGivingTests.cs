using System.Text.Json;
using Json.Schema;
using TrustFundGrants.Functions.Exports;

namespace TrustFundGrants.Functions.Tests.Exports;

public class ThreeSixtyGivingTests
{
    [Fact]
    public async Task WriteAsync_TwoGrants_ValidatesAgainstThe360GivingPackageSchema()
    {
        using var document = JsonDocument.Parse(await WriteAsync(isPublic: true));

        var result = PackageSchema().Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        Assert.Equal(2, document.RootElement.GetProperty("grants").GetArrayLength());
    }

    [Fact]
    public async Task WriteAsync_AnInvalidPackage_IsCaughtByTheSchema()
    {
        using var document = JsonDocument.Parse("""{"grants":[{"id":"x","title":"t"}]}""");

        var result = PackageSchema().Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_Amounts_AreExactDecimals()
    {
        using var document = JsonDocument.Parse(await WriteAsync(isPublic: true));

        var grant = document.RootElement.GetProperty("grants")[0];
        Assert.Equal("40000.00", grant.GetProperty("amountAwarded").GetRawText());
        Assert.Equal("15876.55", grant.GetProperty("amountDisbursed").GetRawText());
    }

    [Fact]
    public async Task WriteAsync_Public_AnOrganisationThatAskedNotToBeNamedIsNotNamed()
    {
        var text = await WriteAsync(isPublic: true);

        Assert.DoesNotContain(ExportSamples.HiddenName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("org-2", text, StringComparison.Ordinal);
        Assert.Contains("An organisation in Cambodia", text, StringComparison.Ordinal);
    }

    private static async Task<string> WriteAsync(bool isPublic)
    {
        using var stream = new MemoryStream();
        await ThreeSixtyGiving.WriteAsync(stream, ExportSamples.Context(isPublic), ExportSamples.Stream(ExportSamples.Grants()), CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    // The package refers to the grant schema at its 1.4.2 address while the grant schema's own $id says 1.4.3:
    // both name the same published file, so it is registered under both. The schemas name draft 2020-12 by its
    // old http address, which is registered as that same dialect.
    internal static JsonSchema PackageSchema()
    {
        var dialects = new DialectRegistry();
        dialects.Register(Dialect.Draft202012.With([], new Uri("http://json-schema.org/draft/2020-12/schema")));
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects };
        var grant = JsonSchema.FromText(File.ReadAllText(ExportSamples.StandardsPath("360giving", "360-giving-schema.json")), options);
        options.SchemaRegistry.Register(new Uri("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"), grant);
        return JsonSchema.FromText(File.ReadAllText(ExportSamples.StandardsPath("360giving", "360-giving-package-schema.json")), options);
    }
}
