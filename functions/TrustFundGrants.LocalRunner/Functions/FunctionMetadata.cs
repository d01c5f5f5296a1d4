using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustFundGrants.LocalRunner.Functions;

/// <summary>One entry of functions.metadata, the file the Worker SDK writes for the Functions host.</summary>
public sealed record FunctionMetadata(
    string Name,
    string ScriptFile,
    string EntryPoint,
    IReadOnlyList<BindingMetadata> Bindings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public BindingMetadata Trigger =>
        Bindings.SingleOrDefault(b => b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
        ?? throw new UnsupportedFunctionException(Name, "it has no trigger binding");

    public static IReadOnlyList<FunctionMetadata> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No functions.metadata at {path}. Build the Functions project first (dotnet build); the Worker SDK writes it.", path);
        }

        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<FunctionMetadata[]>(stream, Json) ?? [];
    }
}

/// <summary>A binding as declared; the trigger-specific settings stay in <see cref="Extra"/>.</summary>
public sealed record BindingMetadata(string Name, string Type, string? Direction)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Extra { get; init; } = [];

    public string? Get(string key) =>
        Extra.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;

    public bool GetBool(string key) =>
        Extra.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.True };

    public IReadOnlyList<string> GetList(string key) =>
        Extra.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray()
            : [];
}

/// <summary>Stops start-up: the runner serves only what it can serve exactly as the Functions host would.</summary>
public sealed class UnsupportedFunctionException(string function, string reason)
    : Exception($"The LocalRunner cannot serve function '{function}': {reason}. It implements HttpTrigger, QueueTrigger and TimerTrigger; use injected Azure SDK clients instead of output bindings.")
{
    public string Function { get; } = function;
}
