using System.Text.Json;

namespace TrustFundGrants.LocalRunner.Configuration;

/// <summary>
/// The <c>Values</c> of the Functions project's local.settings.json, the file `func start` reads, so
/// both local hosts take the same settings. Keys use the environment form (<c>Email__FromAddress</c>).
/// </summary>
internal static class LocalSettings
{
    public static Dictionary<string, string?> Read(string repoRoot)
    {
        var path = Path.Combine(repoRoot, "functions", "TrustFundGrants.Functions", "local.settings.json");
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        return values;
    }
}
