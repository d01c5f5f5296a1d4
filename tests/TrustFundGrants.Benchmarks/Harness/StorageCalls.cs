using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Counts the storage requests the app's own Azure SDK clients send, to check a scenario's list of "the
/// raw operations it performs" against what the code really does. Added to the runner's clients as one
/// more pipeline policy (a dictionary increment per request: nothing next to a request's milliseconds).
/// Two views: per HTTP request of the runner matched by <see cref="MapScope"/> (an async-local scope),
/// and a running total by kind of request while <see cref="CountingAll"/> is on.
/// </summary>
internal sealed partial class StorageCalls(AzuritePorts ports) : HttpPipelinePolicy
{
    private static readonly AsyncLocal<List<string>?> Scope = new();

    private readonly ConcurrentDictionary<string, long> totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyList<string>> requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> releases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> logical = new(StringComparer.Ordinal);

    public bool CountingAll { get; set; }

    /// <summary>The storage requests of each matched runner request, in the order they finished.</summary>
    public IReadOnlyList<IReadOnlyList<string>> PerRequest => requests.ToArray();

    public IReadOnlyDictionary<string, long> Totals => totals;

    public long Total => totals.Values.Sum();

    /// <summary>While <see cref="CountingAll"/>: requests sent more than once by the SDK's retry policy, by kind (attempts minus calls).</summary>
    public IReadOnlyDictionary<string, long> Retries => totals
        .Select(t => (t.Key, Extra: t.Value - logical.GetValueOrDefault(t.Key)))
        .Where(t => t.Extra > 0)
        .ToDictionary(t => t.Key, t => t.Extra, StringComparer.Ordinal);

    /// <summary>While <see cref="CountingAll"/>: calls by kind, each once however often the SDK sent it.</summary>
    public IReadOnlyDictionary<string, long> Calls => logical;

    /// <summary>
    /// While <see cref="CountingAll"/>: every pointer sent to the outbox queue (per call, so not the
    /// SDK's retries), by the outbox row it names, with the Stopwatch time of each. A row sent more
    /// than once was released again.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> OutboxReleases => releases.ToDictionary(r => r.Key, r => r.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Adds this policy to every Azure client the app registers with AddAzureClients.</summary>
    /// <remarks>
    /// This policy sits per retry, so it sees every attempt; a second one per call sees each call once,
    /// and the difference is the SDK's own retries.
    /// </remarks>
    public void AddTo(IServiceCollection services) =>
        services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
        {
            options.AddPolicy(new PerCall(this), HttpPipelinePosition.PerCall);
            options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        }));

    /// <summary>Opens a scope for every runner request that <paramref name="match"/> accepts; its storage requests are kept.</summary>
    public void MapScope(WebApplication app, Func<HttpRequest, bool> match) => app.Use(async (context, next) =>
    {
        if (!match(context.Request))
        {
            await next(context);
            return;
        }

        var calls = new List<string>();
        Scope.Value = calls;
        try
        {
            await next(context);
        }
        finally
        {
            Scope.Value = null;
            lock (calls)
            {
                requests.Enqueue(calls.ToArray());
            }
        }
    });

    public void ResetTotals()
    {
        totals.Clear();
        releases.Clear();
        logical.Clear();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        var scoped = Scope.Value;
        if (scoped is null && !CountingAll)
        {
            return;
        }

        var kind = Describe(message.Request);
        if (scoped is not null)
        {
            lock (scoped)
            {
                scoped.Add(kind);
            }
        }

        if (CountingAll)
        {
            totals.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The outbox row a pointer names: the body is &lt;QueueMessage&gt;&lt;MessageText&gt;base64 JSON&lt;/MessageText&gt;.</summary>
    private static string? PointedRow(Request request)
    {
        if (request.Content is null)
        {
            return null;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        var text = MessageText().Match(Encoding.UTF8.GetString(body.ToArray()));
        if (!text.Success)
        {
            return null;
        }

        try
        {
            var pointer = OutboxPointer.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text.Groups[1].Value)));
            return pointer.Table + "/" + pointer.PartitionKey + "/" + pointer.RowKey;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Per call, not per attempt: an SDK retry of a pointer send is not a second release.
    private void RecordCall(HttpMessage message)
    {
        if (!CountingAll)
        {
            return;
        }

        var kind = Describe(message.Request);
        logical.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (kind == "queue send " + StorageLayout.OutboxQueue && PointedRow(message.Request) is { } row)
        {
            releases.GetOrAdd(row, _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp());
        }
    }

    [GeneratedRegex("<MessageText>([^<]*)</MessageText>")]
    private static partial Regex MessageText();

    /// <summary>"table point read applications", "table transaction", "queue send outbox", ...: the kind of request, not its keys.</summary>
    private string Describe(Request request)
    {
        var uri = request.Uri.ToUri();
        var method = request.Method.Method;
        // Path style: /devstoreaccount1/{resource}...
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : string.Empty;
        if (uri.Port == ports.Table)
        {
            var paren = resource.IndexOf('(', StringComparison.Ordinal);
            var table = paren < 0 ? resource : resource[..paren];
            return (method, paren < 0 ? null : resource[paren..]) switch
            {
                (_, _) when table == "$batch" => "table transaction ($batch)",
                ("GET", "()") => "table query " + table,
                ("GET", _) => "table point read " + table,
                ("POST", null) => "table insert " + table,
                ("PUT" or "MERGE" or "PATCH", _) => "table update " + table,
                ("DELETE", _) => "table delete " + table,
                _ => $"table {method} {table}",
            };
        }

        if (uri.Port == ports.Queue)
        {
            var messages = segments.Length > 2 && segments[2] == "messages";
            return (method, messages, segments.Length > 3) switch
            {
                ("POST", true, _) => "queue send " + resource,
                ("GET", true, _) => "queue receive " + resource,
                ("DELETE", true, true) => "queue delete " + resource,
                ("PUT", true, true) => "queue update " + resource,
                _ => $"queue {method} {resource}",
            };
        }

        return $"blob {method} {resource}";
    }

    private sealed class PerCall(StorageCalls owner) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.RecordCall(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            owner.RecordCall(message);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
