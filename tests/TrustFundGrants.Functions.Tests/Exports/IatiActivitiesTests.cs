using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using TrustFundGrants.Functions.Exports;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Tests.Exports;

public class IatiActivitiesTests
{
    [Fact]
    public async Task WriteAsync_TwoGrants_ValidatesAgainstTheIati203Schema()
    {
        var xml = await WriteAsync(isPublic: true);

        var errors = Validate(xml);

        Assert.Empty(errors);
        var activities = XDocument.Parse(xml).Root!.Elements("iati-activity").ToArray();
        Assert.Equal(3, activities.Length);
    }

    [Fact]
    public async Task Validate_ActivityWithoutReportingOrg_IsRefusedByTheSchema()
    {
        var document = XDocument.Parse(await WriteAsync(isPublic: true));
        document.Root!.Element("iati-activity")!.Element("reporting-org")!.Remove();

        Assert.NotEmpty(Validate(document.ToString()));
    }

    [Fact]
    public async Task WriteAsync_TwoGrants_UsesOnlyCodesFromTheCodelists()
    {
        var document = XDocument.Parse(await WriteAsync(isPublic: true));

        AssertCodes(document, "recipient-country", "code", "Country.xml");
        AssertCodes(document, "sector", "code", "Sector.xml");
        AssertCodes(document, "transaction-type", "code", "TransactionType.xml");
        AssertCodes(document, "activity-status", "code", "ActivityStatus.xml");
        AssertCodes(document, "activity-date", "type", "ActivityDateType.xml");
        AssertCodes(document, "participating-org", "role", "OrganisationRole.xml");
        AssertCodes(document, "participating-org", "type", "OrganisationType.xml");
        AssertCodes(document, "value", "currency", "Currency.xml");
    }

    [Fact]
    public async Task WriteAsync_CountriesOfOneGrant_PercentagesAddUpToHundred()
    {
        var document = XDocument.Parse(await WriteAsync(isPublic: true));

        foreach (var activity in document.Root!.Elements("iati-activity").Where(a => a.Elements("recipient-country").Any()))
        {
            Assert.Equal(100, activity.Elements("recipient-country").Sum(c => int.Parse(c.Attribute("percentage")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task WriteAsync_Public_AnOrganisationThatAskedNotToBeNamedIsNotNamed()
    {
        var publicFile = await WriteAsync(isPublic: true);
        var secretariatFile = await WriteAsync(isPublic: false);

        Assert.DoesNotContain(ExportSamples.HiddenName, publicFile, StringComparison.Ordinal);
        Assert.DoesNotContain("org-2", publicFile, StringComparison.Ordinal);
        Assert.Contains("An organisation in Cambodia", publicFile, StringComparison.Ordinal);
        Assert.Contains(ExportSamples.HiddenName, secretariatFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_Transactions_CarryExactAmountsAndRefundsAsNegativeDisbursements()
    {
        var document = XDocument.Parse(await WriteAsync(isPublic: true));

        var values = document.Descendants("transaction").Select(t => (t.Element("transaction-type")!.Attribute("code")!.Value, t.Element("value")!.Value)).ToArray();
        Assert.Contains(("1", "50000.00"), values);
        Assert.Contains(("1", "1083.40"), values);
        Assert.Contains(("2", "40000.00"), values);
        Assert.Contains(("3", "16000.00"), values);
        Assert.Contains(("3", "-123.45"), values);
        Assert.Contains(("4", "12000.00"), values);
    }

    [Fact]
    public async Task WriteAsync_ManyGrants_EachActivityReachesTheStreamBeforeTheNextGrantIsRead()
    {
        using var output = new MemoryStream();
        var grants = ExportSamples.Grants();
        var handedOver = 0;

        // Before the writer is handed grant i, grant i - 1's whole activity must already be in the output: the
        // file leaves grant by grant and nothing of the fund's grants is kept for the end.
        async IAsyncEnumerable<GrantRecord> Watched()
        {
            for (var i = 0; i < 50; i++)
            {
                var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
                if (i > 0)
                {
                    Assert.EndsWith("</iati-activity>", text.TrimEnd(), StringComparison.Ordinal);
                    Assert.Contains($"XI-TFG-{Id(i - 1)}</iati-identifier>", text, StringComparison.Ordinal);
                    Assert.DoesNotContain($"XI-TFG-{Id(i)}<", text, StringComparison.Ordinal);
                }

                handedOver++;
                await Task.Yield();
                yield return grants[i % 2] with { Facts = grants[i % 2].Facts with { GrantId = Id(i) } };
            }
        }

        await IatiActivities.WriteAsync(output, ExportSamples.Context(isPublic: true), Watched(), CancellationToken.None);

        Assert.Equal(50, handedOver);
        Assert.Empty(Validate(System.Text.Encoding.UTF8.GetString(output.ToArray())));
    }

    private static string Id(int i) => $"0193e0a4-0000-7000-9000-{i:D12}";

    private static async Task<string> WriteAsync(bool isPublic)
    {
        using var stream = new MemoryStream();
        await IatiActivities.WriteAsync(stream, ExportSamples.Context(isPublic), ExportSamples.Stream(ExportSamples.Grants()), CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static List<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, ExportSamples.StandardsPath("iati-2.03", "iati-activities-schema.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static void AssertCodes(XDocument document, string element, string attribute, string codelist)
    {
        var codes = XDocument.Load(ExportSamples.StandardsPath("iati-2.03", "codelists", codelist))
            .Descendants("codelist-item").Select(i => i.Element("code")!.Value).ToHashSet(StringComparer.Ordinal);
        var used = document.Descendants(element).Select(e => e.Attribute(attribute)?.Value).OfType<string>().ToArray();
        Assert.NotEmpty(used);
        Assert.All(used, code => Assert.Contains(code, codes));
    }
}
