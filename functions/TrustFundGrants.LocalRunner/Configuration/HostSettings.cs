using System.Text.Json;

namespace TrustFundGrants.LocalRunner.Configuration;

/// <summary>
/// The parts of host.json the runner honours, with the Functions host's defaults. CustomHeaders are
/// extensions.http.customHeaders, which the Functions host adds to every HTTP response.
/// </summary>
public sealed record HostSettings(string RoutePrefix, QueueSettings Queues, IReadOnlyDictionary<string, string>? CustomHeaders = null)
{
    public IReadOnlyDictionary<string, string> Headers => CustomHeaders ?? new Dictionary<string, string>();

    public static HostSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            return new HostSettings("api", new QueueSettings());
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var extensions = document.RootElement.TryGetProperty("extensions", out var e) ? e : default;
        var prefix = Find(extensions, "http", "routePrefix")?.GetString() ?? "api";
        var queues = new QueueSettings();
        if (Find(extensions, "queues") is { } q)
        {
            queues = new QueueSettings
            {
                BatchSize = Int(q, "batchSize") ?? queues.BatchSize,
                NewBatchThreshold = Int(q, "newBatchThreshold") ?? Math.Max(1, (Int(q, "batchSize") ?? queues.BatchSize) / 2),
                MaxDequeueCount = Int(q, "maxDequeueCount") ?? queues.MaxDequeueCount,
                VisibilityTimeout = Span(q, "visibilityTimeout") ?? queues.VisibilityTimeout,
                MaxPollingInterval = Span(q, "maxPollingInterval") ?? queues.MaxPollingInterval,
                Base64 = !string.Equals(Find(q, "messageEncoding")?.GetString(), "none", StringComparison.OrdinalIgnoreCase),
            };
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Find(extensions, "http", "customHeaders") is { ValueKind: JsonValueKind.Object } custom)
        {
            foreach (var header in custom.EnumerateObject())
            {
                headers[header.Name] = header.Value.GetString() ?? string.Empty;
            }
        }

        return new HostSettings(prefix.Trim('/'), queues.Validated(), headers);
    }

    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var match = element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match.Value.ValueKind == JsonValueKind.Undefined)
            {
                return null;
            }

            element = match.Value;
        }

        return element;
    }

    private static int? Int(JsonElement element, string name) => Find(element, name)?.GetInt32();

    private static TimeSpan? Span(JsonElement element, string name) =>
        Find(element, name)?.GetString() is { } text ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>host.json extensions.queues; defaults are the Functions host's.</summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;

    public int NewBatchThreshold { get; init; } = 8;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays hidden before its retry.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait after an empty poll; it doubles up to <see cref="MaxPollingInterval"/>.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    public bool Base64 { get; init; } = true;

    public QueueSettings Validated() =>
        BatchSize is < 1 or > 32 ? throw new InvalidOperationException("host.json: queues.batchSize must be 1 to 32.")
        : NewBatchThreshold < 0 ? throw new InvalidOperationException("host.json: queues.newBatchThreshold must not be negative.")
        : MaxDequeueCount < 1 ? throw new InvalidOperationException("host.json: queues.maxDequeueCount must be at least 1.")
        : MaxPollingInterval < TimeSpan.FromMilliseconds(100) ? throw new InvalidOperationException("host.json: queues.maxPollingInterval must be at least 100 ms.")
        : this;
}
