using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Functions.OpenApi;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// The LocalRunner's own cost on an HTTP request: the trivial function GetOpenApi (an embedded
/// document served from memory, no I/O) through the runner, against the same handler mapped straight
/// onto Kestrel in a separate minimal WebApplication in the same process. Two more targets split the
/// difference: the direct handler mapped onto the runner's own app (host pipeline without the function
/// invoker), and an empty response on the direct app (the floor of an HTTP round trip here).
/// Targets run in interleaved blocks, rotating which goes first, so machine noise hits all alike.
/// </summary>
internal sealed class RunnerOverheadScenario : IScenario
{
    public const double Target = 1.15;

    public string Name => "runner-overhead";

    public string Description => "GET /api/openapi.json through the runner vs the same handler straight on Kestrel (p50 ratio)";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // A request here takes tens of microseconds, so samples are cheap: many, in short blocks.
        var (warmup, rounds, perBlock) = context.Quick ? (TimeSpan.FromSeconds(1), 40, 100) : (TimeSpan.FromSeconds(3), 200, 100);

        BenchContext.Progress("runner-overhead: starting the runner (functions.metadata of the app) and the direct app");
        var (runner, runnerAddress) = await RunnerHost.StartAsync(
            context, null, null, app => app.MapGet("/bench/direct/openapi.json", (RequestDelegate)ServeDirect), cancellationToken);
        WebApplication? direct = null;
        var targets = new List<HttpTarget>();
        try
        {
            (direct, var directAddress) = await StartDirectAsync(cancellationToken);
            targets.Add(new HttpTarget("runner", "GetOpenApi through the runner", new Uri(runnerAddress, "/api/openapi.json")));
            targets.Add(new HttpTarget("direct", "same handler, own minimal app", new Uri(directAddress, "/direct/openapi.json")));
            targets.Add(new HttpTarget("runner-host", "same handler on the runner's app", new Uri(runnerAddress, "/bench/direct/openapi.json")));
            targets.Add(new HttpTarget("direct-empty", "Results.Empty, own minimal app", new Uri(directAddress, "/direct/empty")));
            var (runnerTarget, directTarget, hostTarget, emptyTarget) = (targets[0], targets[1], targets[2], targets[3]);

            await CheckSameDocumentAsync(runnerTarget, directTarget, hostTarget, cancellationToken);

            // Long enough for tiered compilation to settle on every path before anything is recorded.
            BenchContext.Progress(Fmt.Inv($"runner-overhead: warm-up, {warmup.TotalSeconds:0} s round-robin"));
            var warming = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(warming) < warmup)
            {
                foreach (var target in targets)
                {
                    await target.MeasureAsync(100, record: null, cancellationToken);
                }
            }

            BenchContext.Progress(Fmt.Inv($"runner-overhead: {rounds} rounds x {perBlock} requests per target, order rotating"));
            var roundRatios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var blockP50 = new Dictionary<HttpTarget, double>();
                for (var k = 0; k < targets.Count; k++)
                {
                    var target = targets[(round + k) % targets.Count];
                    var block = new List<double>(perBlock);
                    await target.MeasureAsync(perBlock, block, cancellationToken);
                    target.Samples.AddRange(block);
                    blockP50[target] = new Latencies(block).P50;
                }

                roundRatios.Add(blockP50[runnerTarget] / blockP50[directTarget]);
            }

            var stats = targets.ToDictionary(t => t, t => new Latencies(t.Samples));
            var (r, d, h, e) = (stats[runnerTarget], stats[directTarget], stats[hostTarget], stats[emptyTarget]);
            var ratio = r.P50 / d.P50;
            var perRound = new Latencies(roundRatios);

            var latencyTable = new Table(
                Fmt.Inv($"runner-overhead: sequential GETs over keep-alive, {rounds} rounds x {perBlock} per target, interleaved"),
                "target", "what", "n", "p50 us", "p95 us", "mean us", "p50 vs direct");
            foreach (var target in targets)
            {
                var s = stats[target];
                latencyTable.Add(target.Name, target.What, Fmt.Int(s.Count), Fmt.Us(s.P50), Fmt.Us(s.P95), Fmt.Us(s.Mean), Fmt.Ratio(s.P50 / d.P50));
            }

            latencyTable.Note(Fmt.Inv($"runner = GET {runnerTarget.Uri.AbsolutePath} on the runner; direct = GET {directTarget.Uri.AbsolutePath} mapped to new GetOpenApi().Run(request).ExecuteAsync(context)."));
            latencyTable.Note("Times are to the last body byte, client included. One HttpClient (SocketsHttpHandler, keep-alive) per target; client, runner and direct app share this process.");
            latencyTable.Note("The runner also runs the app's DispatchOutbox listener and SweepOutbox timer meanwhile, as it always does; that background work lands on every target alike.");

            var ratioTable = new Table("runner-overhead: ratios (same run)", "measure", "value", "target", "verdict");
            ratioTable.Add("runner / direct, p50 of all samples", Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.00}x"), Fmt.Verdict(ratio <= Target));
            ratioTable.Add("runner / direct, median of per-round p50 ratios", Fmt.Ratio(perRound.P50), "", "");
            ratioTable.Add("  per-round ratio min .. max", Fmt.Inv($"{Fmt.Ratio(perRound.Min)} .. {Fmt.Ratio(perRound.Max)}"), "", "");
            ratioTable.Add("runner minus direct, p50 (us per request)", Fmt.DeltaUs(r.P50 - d.P50), "", "");
            ratioTable.Add("  of which runner's host pipeline: runner-host - direct (us)", Fmt.DeltaUs(h.P50 - d.P50), "", "");
            ratioTable.Add("  of which function invoker + keys: runner - runner-host (us)", Fmt.DeltaUs(r.P50 - h.P50), "", "");
            ratioTable.Add("handler + 3.4 KB body: direct - direct-empty (us)", Fmt.DeltaUs(d.P50 - e.P50), "", "");
            ratioTable.Add("direct / direct-empty, p50", Fmt.Ratio(d.P50 / e.P50), "", "");
            ratioTable.Note("Over HTTP, differences of a few microseconds are within this machine's noise (see the per-round range); the in-process table measures the runner's own code path without it.");

            BenchContext.Progress("runner-overhead: the same paths in process, without HTTP");
            var inProcess = await InProcessAsync(runner, direct, context.Quick, cancellationToken);

            context.Check(new TargetCheck(
                Name, "runner / direct p50", Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.00}x"), ratio <= Target,
                Fmt.Inv($"runner p50 {Fmt.Us(r.P50)} us, direct p50 {Fmt.Us(d.P50)} us ({Fmt.DeltaUs(r.P50 - d.P50)} us); per-round median {Fmt.Ratio(perRound.P50)}")));
            return [latencyTable, ratioTable, inProcess];
        }
        finally
        {
            foreach (var target in targets)
            {
                target.Dispose();
            }

            if (direct is not null)
            {
                await direct.StopAsync(CancellationToken.None);
                await direct.DisposeAsync();
            }

            await RunnerHost.StopAsync(runner);
        }
    }

    /// <summary>
    /// Where the time goes, without sockets or Kestrel: the runner's own endpoint delegate for GetOpenApi
    /// (function keys, invoker, result) against the direct handler and an empty result, each called on a
    /// fresh <see cref="DefaultHttpContext"/> with a request scope of its app, in interleaved batches.
    /// </summary>
    private static async Task<Table> InProcessAsync(WebApplication runner, WebApplication direct, bool quick, CancellationToken cancellationToken)
    {
        var (batches, perBatch) = quick ? (20, 2000) : (60, 5000);
        var endpoint = ((IEndpointRouteBuilder)runner).DataSources.SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>().Single(e => e.DisplayName == nameof(GetOpenApi));
        var paths = new (string Name, string What, IServiceProvider Services, RequestDelegate Handle)[]
        {
            ("runner endpoint", "the runner's endpoint delegate for GetOpenApi", runner.Services, endpoint.RequestDelegate!),
            ("direct handler", "new GetOpenApi().Run(request).ExecuteAsync(context)", direct.Services, ServeDirect),
            ("empty result", "Results.Empty.ExecuteAsync(context)", direct.Services, c => Results.Empty.ExecuteAsync(c)),
        };

        foreach (var path in paths)
        {
            // Once with a real body first: every path must answer 200 with the document (or nothing), never a 401.
            await using var scope = path.Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            using var body = new MemoryStream();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Method = HttpMethods.Get;
            http.Response.Body = body;
            await path.Handle(http);
            var expected = path.Name == "empty result" ? 0 : GetOpenApiLength();
            if (http.Response.StatusCode != StatusCodes.Status200OK || body.Length != expected)
            {
                throw new InvalidOperationException($"{path.Name}: answered {http.Response.StatusCode} with {body.Length} bytes; expected 200 with {expected}.");
            }
        }

        var nanos = paths.ToDictionary(p => p.Name, _ => new List<double>());
        var bytes = paths.ToDictionary(p => p.Name, _ => new List<double>());
        // Warm-up by time, so tiered compilation has settled on all three paths before anything counts.
        var warming = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(quick ? 1 : 2))
        {
            foreach (var path in paths)
            {
                await CallAsync(path.Services, path.Handle, 500);
            }
        }

        for (var batch = 0; batch < batches; batch++)
        {
            for (var k = 0; k < paths.Length; k++)
            {
                var path = paths[(batch + k) % paths.Length];
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                await CallAsync(path.Services, path.Handle, perBatch);
                var elapsed = Latencies.Since(start);
                nanos[path.Name].Add(elapsed * 1e6 / perBatch);
                bytes[path.Name].Add((double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / perBatch);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        var table = new Table(
            Fmt.Inv($"runner-overhead: where the time goes, in process without HTTP ({batches} interleaved batches x {perBatch} calls)"),
            "path", "what", "ns/call (median batch)", "bytes/call", "vs direct handler");
        var directNs = new Latencies(nanos["direct handler"]).P50;
        foreach (var path in paths)
        {
            var ns = new Latencies(nanos[path.Name]).P50;
            table.Add(path.Name, path.What, Fmt.Rate(ns), Fmt.Rate(new Latencies(bytes[path.Name]).P50), Fmt.Ratio(ns / directNs));
        }

        var runnerNs = new Latencies(nanos["runner endpoint"]).P50;
        table.Note(Fmt.Inv($"runner endpoint - direct handler = {runnerNs - directNs:0} ns per call: function keys (anonymous), FunctionInvoker (instance from the scope, bound arguments, result unwrapping), the IResult switch."));
        table.Note("Each call includes creating and disposing a request scope and a DefaultHttpContext, as a real request does; bytes are allocations on the calling thread (every path completes synchronously here).");
        return table;
    }

    private static async Task CallAsync(IServiceProvider services, RequestDelegate handle, int count)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        for (var i = 0; i < count; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = "/api/openapi.json";
            http.Response.Body = Stream.Null;
            await handle(http);
        }
    }

    private static long GetOpenApiLength() =>
        new GetOpenApi().Run(new DefaultHttpContext().Request) is FileContentHttpResult file
            ? file.FileContents.Length
            : throw new InvalidOperationException("GetOpenApi no longer returns bytes; update the benchmark's check.");

    /// <summary>The function's handler with nothing around it: what Kestrel would run if the runner cost nothing.</summary>
    private static Task ServeDirect(HttpContext context) => new GetOpenApi().Run(context.Request).ExecuteAsync(context);

    private static async Task<(WebApplication App, Uri BaseAddress)> StartDirectAsync(CancellationToken cancellationToken)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{AzuritePorts.FreePort()}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Development,
        });
        builder.WebHost.UseUrls(baseAddress.ToString().TrimEnd('/'));
        // The runner's logging filters, so neither app logs per request.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Configuration["Logging:Console:LogToStandardErrorThreshold"] = "Trace";
        var app = builder.Build();
        app.MapGet("/direct/openapi.json", (RequestDelegate)ServeDirect);
        app.MapGet("/direct/empty", (RequestDelegate)(c => Results.Empty.ExecuteAsync(c)));
        await RunnerHost.QuietlyAsync(() => app.StartAsync(cancellationToken));
        return (app, baseAddress);
    }

    private static async Task CheckSameDocumentAsync(HttpTarget runner, HttpTarget direct, HttpTarget host, CancellationToken cancellationToken)
    {
        var bodies = new List<(string Name, byte[] Body, string? Type)>();
        foreach (var target in new[] { runner, direct, host })
        {
            using var response = await target.Client.GetAsync(target.Uri, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{target.Name}: GET {target.Uri} answered {(int)response.StatusCode}.");
            }

            bodies.Add((target.Name, await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType));
        }

        if (bodies.Any(b => !b.Body.AsSpan().SequenceEqual(bodies[0].Body) || b.Type != bodies[0].Type))
        {
            throw new InvalidOperationException(
                "The targets do not serve the same document: " + string.Join(", ", bodies.Select(b => $"{b.Name} {b.Body.Length} bytes {b.Type}")));
        }
    }

    private sealed class HttpTarget(string name, string what, Uri uri) : IDisposable
    {
        public string Name => name;

        public string What => what;

        public Uri Uri => uri;

        public HttpClient Client { get; } = new(new SocketsHttpHandler
        {
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        public List<double> Samples { get; } = [];

        /// <summary>Sends <paramref name="count"/> GETs one after another, timing each to its last body byte.</summary>
        public async Task MeasureAsync(int count, List<double>? record, CancellationToken cancellationToken)
        {
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await Client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var elapsed = Latencies.Since(start);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{name}: GET {uri} answered {(int)response.StatusCode}.");
                }

                record?.Add(elapsed);
            }
        }

        public void Dispose() => Client.Dispose();
    }
}
