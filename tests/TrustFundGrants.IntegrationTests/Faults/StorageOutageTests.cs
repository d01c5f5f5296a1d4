using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Faults;

/// <summary>
/// With storage gone or frozen, every route answers quickly: 503 problem details with Retry-After and the trace id
/// of the one log line written, never a 500 or a hang; when storage returns, so does the app, without a restart.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed partial class StorageOutageTests(FaultFixture faults) : IAsyncLifetime
{
    // The deadline plus the time to answer and for a loaded CI machine to schedule it.
    private static readonly string[] RetryLaterTypes = ["urn:trustfundgrants:problem:service-unavailable", "urn:trustfundgrants:problem:session-check-unavailable"];
    private static readonly TimeSpan Quickly = FaultFixture.RequestDeadline + TimeSpan.FromSeconds(2);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        faults.Storage.Restore();
        await Eventually.WaitFor(() => StatusAsync("/api/health"), s => s == HttpStatusCode.OK, "health after storage came back", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task EveryRoute_StorageKilled_Answers503WithRetryAfterOrRefusesBeforeStorage_Quickly()
    {
        var session = await faults.SecretariatAsync();
        faults.Storage.Kill();
        var answers = new System.Collections.Concurrent.ConcurrentBag<string>();
        var unavailable = 0;

        await Parallel.ForEachAsync(HttpRoutes(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (route, cancellationToken) =>
        {
            var (method, path) = route;
            using var request = session.Bearer(method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { });
            request.Headers.TryAddWithoutValidation("x-functions-key", RunnerFixture.FunctionKey);
            var clock = Stopwatch.StartNew();
            using var response = await faults.Client.SendAsync(request, cancellationToken);
            clock.Stop();
            answers.Add($"{method} {path}: {(int)response.StatusCode} in {clock.ElapsedMilliseconds} ms");

            Assert.True(clock.Elapsed < Quickly, $"{method} {path} took {clock.Elapsed}");
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} {path}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref unavailable);
                await AssertRetryLaterAsync(response, $"{method} {path}");
            }
        });

        // The rest refuse before reading anything: another role's route (403), an empty body (400), a foreign id (404).
        Assert.True(unavailable >= 10, string.Join('\n', answers));
    }

    [Fact]
    public async Task Request_StorageFrozen_Answers503WithinTheDeadline_OneLogLineWithTheClientsTraceId()
    {
        var session = await faults.SecretariatAsync();
        faults.Storage.Freeze();
        var before = faults.LogLines.Count;

        var clock = Stopwatch.StartNew();
        using var response = await faults.Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/funds"));
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(clock.Elapsed < Quickly, $"answered after {clock.Elapsed}");
        Assert.True(clock.Elapsed >= FaultFixture.RequestDeadline - TimeSpan.FromMilliseconds(100), $"answered after {clock.Elapsed}, before the deadline");
        var traceId = await AssertRetryLaterAsync(response);
        var written = faults.LogLines.Skip(before).ToArray();
        Assert.Single(written, l => l.Contains(traceId, StringComparison.Ordinal));
        Assert.DoesNotContain(written, l => StackFrame().IsMatch(l));

        faults.Storage.Restore();
        await Eventually.WaitFor(
            async () => (await faults.Client.SendAsync(session.Bearer(HttpMethod.Get, "/api/funds"))).StatusCode,
            s => s == HttpStatusCode.OK,
            "the same request to work again");
    }

    [Fact]
    public async Task Request_StorageFrozenPastTheDeadline_AClientThatWaitsOutRetryAfterGetsThrough()
    {
        var session = await faults.SecretariatAsync();
        var before = faults.LogLines.Count;
        faults.Storage.Freeze();

        // Back after the first try's deadline and before its Retry-After ends: the second try finds storage.
        var back = Task.Delay(FaultFixture.RequestDeadline + TimeSpan.FromSeconds(1)).ContinueWith(_ => faults.Storage.Restore(), TaskScheduler.Default);
        using var created = await faults.SetupClient.SendAsync(session.Bearer(HttpMethod.Post, "/api/funds", new { name = "Resent fund", currency = "USD" }));
        await back;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains(faults.LogLines.Skip(before), l => l.Contains("answered 503 (deadline passed", StringComparison.Ordinal));
    }

    private static async Task<string> AssertRetryLaterAsync(HttpResponseMessage response, string what = "the answer")
    {
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, $"Retry-After in seconds on {what}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The session check names itself when the ended-sessions view is too old to trust and storage cannot refresh it
        // (it refreshes within 60 s, so which of the two answers depends on when storage went down).
        Assert.Contains(problem.GetProperty("type").GetString(), RetryLaterTypes);
        return problem.GetProperty("traceId").GetString()!;
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await faults.Client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    /// <summary>Every HTTP function's route, its parameters filled with fresh ids, with its first method.</summary>
    private static IEnumerable<(HttpMethod Method, string Route)> HttpRoutes()
    {
        var metadata = FunctionMetadata.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));
        foreach (var function in metadata.Where(f => string.Equals(f.Trigger.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            var route = RouteParameter().Replace(function.Trigger.Get("route") ?? function.Name, _ => Guid.CreateVersion7().ToString());
            var method = function.Trigger.GetList("methods") is [var first, ..] ? first : "get";
            yield return (new HttpMethod(method.ToUpperInvariant()), "/api/" + route);
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^\s+at \S+")]
    private static partial Regex StackFrame();
}
