using System.Text.Json;
using System.Xml;
using System.Xml.Schema;
using Json.Schema;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>Validates downloaded exports against the published standards in tests/Standards (IATI 2.03 XSD, 360Giving package schema).</summary>
internal static class Standards
{
    private static string PathTo(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Standards", .. parts]);

    public static IReadOnlyList<string> IatiErrors(string xml)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, PathTo("iati-2.03", "iati-activities-schema.xsd"));
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

    // The package schema names the grant schema at its 1.4.2 address, the grant schema calls itself 1.4.3: one published
    // file, registered under both; draft 2020-12 is named by its old http address, registered as that dialect.
    public static bool Is360Giving(string json, out string errors)
    {
        var dialects = new DialectRegistry();
        dialects.Register(Dialect.Draft202012.With([], new Uri("http://json-schema.org/draft/2020-12/schema")));
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects };
        var grant = JsonSchema.FromText(File.ReadAllText(PathTo("360giving", "360-giving-schema.json")), options);
        options.SchemaRegistry.Register(new Uri("https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json"), grant);
        var package = JsonSchema.FromText(File.ReadAllText(PathTo("360giving", "360-giving-package-schema.json")), options);
        using var document = JsonDocument.Parse(json);
        var result = package.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        errors = JsonSerializer.Serialize(result);
        return result.IsValid;
    }
}
