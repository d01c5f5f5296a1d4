using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions.Platform.Telemetry;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// The Functions app in the LocalRunner over real HTTP, against its own in-memory Azurite. Queue
/// settings are tightened (quick retries, 3 attempts) so retry and poison paths run in seconds, and the
/// app runs on a <see cref="TestClock"/> so deadlines and expiries are stepped through, not waited for.
/// Each collection gets its own (collection fixtures are per collection), so collections run in parallel.
/// </summary>
public sealed class RunnerFixture : IAsyncLifetime
{
    public const string FunctionKey = "test-function-key";
    public const string TestTable = "testaggregates";
    public const string Secretariat = "admin@fund.example";

    public AzuriteFixture Azurite { get; } = new();

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string HostJson { get; } = TestHostJson.Write(maxDequeueCount: 3);

    /// <summary>How soon a deferred email is looked at again here (20 s in production).</summary>
    public static readonly TimeSpan EmailRecheck = TimeSpan.FromSeconds(2);

    public TestClock Clock { get; } = new();

    /// <summary>Every span the app and ASP.NET Core finished, as an exporter receives them.</summary>
    public SpanCollection Spans { get; } = new();

    private Task<Session>? secretariat;

    /// <summary>One shared Secretariat session: the address's sign-in rate limit would refuse one per test.</summary>
    internal Task<Session> SecretariatAsync() => secretariat ??= SignIn.AsAsync(Client, Secretariat);

    /// <summary>Waits until the background work owed so far has all run and nothing more of it is coming (<see cref="QueueDrain"/>).</summary>
    internal Task QueuesDrainedAsync() => QueueDrain.WaitAsync(this);

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{AzuritePorts.FreePort()}");
        App = RunnerApp.Build(
            [],
            new Dictionary<string, string?>
            {
                ["urls"] = BaseAddress.ToString().TrimEnd('/'),
                ["AzureWebJobsStorage"] = Azurite.ConnectionString,
                ["LocalRunner:FunctionKeys:default"] = FunctionKey,
                ["LocalRunner:HostJson"] = HostJson,
                ["Secretariat:BootstrapEmails"] = Secretariat + ", second-admin@fund.example",
                ["Auth:SignInsPerClient"] = "100000",
                ["Email:RecheckAfter"] = EmailRecheck.ToString(),
                // These collections test what the app answers, not its deadline (FaultFixture holds the deadline with its own
                // 5 s): on a CI machine at load 35 on two cores a release or a contested decision can outlast the default
                // 10 s and answer 503. 25 s still answers within the test client's 30 s.
                ["Http:RequestDeadline"] = "00:00:25",
                // As behind Azure's front end: the last X-Forwarded-For entry is the client (tests of rotating clients set it).
                ["Auth:TrustedProxies"] = "1",
            },
            services =>
            {
                services.AddOutboxTable(TestTable);
                services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(AppTelemetry.Name, "Microsoft.AspNetCore").AddInMemoryExporter(Spans));
            },
            Clock);
        await App.StartAsync();
        await App.Services.GetRequiredService<StorageInitializer>().Ready.WaitAsync(AzuriteFixture.StartTimeout);
        // No cookie jar: each test states exactly which session, if any, a request carries.
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Azurite.DisposeAsync();
        File.Delete(HostJson);
    }
}

[CollectionDefinition(Name)]
public sealed class RunnerCollection : ICollectionFixture<RunnerFixture>
{
    public const string Name = "runner";
}

/// <summary>The review panel's tests, on their own runner and Azurite, beside the other collections.</summary>
[CollectionDefinition(Name)]
public sealed class ReviewsCollection : ICollectionFixture<RunnerFixture>
{
    public const string Name = "reviews";
}
