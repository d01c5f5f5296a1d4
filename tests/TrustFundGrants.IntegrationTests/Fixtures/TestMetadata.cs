using System.Text.Json;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>Writes a functions.metadata file in the Worker SDK's format, for runners serving test functions.</summary>
internal static class TestMetadata
{
    public static string Write(params object[] functions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"functions-{Guid.NewGuid():N}.metadata");
        File.WriteAllText(path, JsonSerializer.Serialize(functions));
        return path;
    }

    public static object Function(string name, string method, params object[] bindings) => new
    {
        name,
        scriptFile = "TrustFundGrants.IntegrationTests.dll",
        entryPoint = $"{typeof(TestFunctions).FullName}.{method}",
        language = "dotnet-isolated",
        properties = new { IsCodeless = false },
        bindings,
    };
}
