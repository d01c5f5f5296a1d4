using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;
using TrustFundGrants.LocalRunner.DevMail;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// The app in the LocalRunner against its own Azurite reached through a <see cref="StorageProxy"/>, so tests can
/// take storage away (killed, frozen) and give it back with its data, and stop the runner hard and start another.
/// Timings are short so that faults play out in seconds: a 5 s request deadline (short, yet above what a normal
/// request takes on a loaded CI machine), 3 attempts 0.2 s apart, idle queues polled every 0.5 s (a lease that runs
/// out is found by polling only), and a 9 s queue lease (see <see cref="QueueLease"/>).
/// Set-up calls go through <see cref="SetupClient"/>, which resends a 503 as a client would; what a test observes
/// of a fault goes through <see cref="Client"/>, which hands every answer back as it came.
/// Mail and log lines are kept across runner restarts.
/// </summary>
public sealed class FaultFixture : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a message being processed stays hidden. The runner renews it every third of this, so a renewal can
    /// come 6 s late before a live function's message is delivered again: a two-core machine at load 20 starves
    /// the thread pool and Azurite for seconds. With a 3 s lease (a renewal 2 s late) a live message can go twice, and
    /// EmailOnce defers the second delivery by its recheck time (20 s), longer than a poison test waits. Still short
    /// enough that a crashed runner's messages come back within seconds.
    /// </summary>
    public static readonly TimeSpan QueueLease = TimeSpan.FromSeconds(9);

    public const int MaxDequeueCount = 3;

    /// <summary>host.json visibilityTimeout: how long a failed message waits before its next try.</summary>
    public static readonly TimeSpan RetryVisibility = TimeSpan.FromMilliseconds(200);

    /// <summary>host.json maxPollingInterval: the longest an idle queue goes unpolled.</summary>
    public static readonly TimeSpan MaxPollingInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a set-up call is resent after a 503 (each after the answer's Retry-After).</summary>
    private const int SetupResends = 4;

    /// <summary>How often a set-up step is started afresh after a resent request was refused.</summary>
    private const int SetupAttempts = 3;

    private ResendAfterRetryAfter? setupResender;

    private readonly MailCatcher mail = new();
    private readonly LogCapture logs = new();
    private StorageProxy? proxy;
    private Task<Session>? secretariat;

    public AzuriteFixture Azurite { get; } = new();

    /// <summary>Azurite itself, bypassing the proxy: what tests seed and check storage through.</summary>
    public string StorageConnectionString => Azurite.ConnectionString;

    internal StorageProxy Storage => proxy!;

    public WebApplication App { get; private set; } = null!;

    /// <summary>For what a test observes: every answer, a 503 included, comes back as it came.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// For set-up (signing in, opening rounds, drafts, uploads before the fault): resends a 503 after its Retry-After,
    /// so a request the loaded machine pushed past the 5 s deadline is not mistaken for the fault under test.
    /// </summary>
    public HttpClient SetupClient { get; private set; } = null!;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{AzuritePorts.FreePort()}");

    public string HostJson { get; } = TestHostJson.Write(MaxDequeueCount, RetryVisibility.ToString(), MaxPollingInterval.ToString());

    public IReadOnlyCollection<string> LogLines => logs.Lines;

    /// <summary>While set, every message the app puts on any queue goes on twice, the copy a second later (so out of order).</summary>
    public bool DuplicateEnqueues { get; set; }

    /// <summary>The queues that had a message sent twice, with how many.</summary>
    public IReadOnlyDictionary<string, int> DuplicatedByQueue => duplicatedByQueue;

    /// <summary>
    /// Cuts storage off the moment a transaction naming this text (a row key) has committed, as a crash right after
    /// the commit would: nothing the app does next (releasing its outbox rows) reaches storage. Cleared when it fires.
    /// </summary>
    public string? KillStorageAfterCommitOf { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> duplicatedByQueue = new();

    /// <summary>One shared Secretariat session (the address's sign-in rate limit would refuse one per test); a failed sign-in is not kept.</summary>
    internal Task<Session> SecretariatAsync() =>
        secretariat is { IsFaulted: false, IsCanceled: false } ? secretariat : secretariat = SetUpAsync(() => SignIn.AsAsync(SetupClient, RunnerFixture.Secretariat));

    /// <summary>
    /// Runs a set-up step through <see cref="SetupClient"/>, and runs it afresh when it failed after one of its
    /// requests was resent: a 503 at the deadline can follow a write that landed (a sign-in link spent, an
    /// organisation registered), so the resend is refused, and a person would start that step over. A step must
    /// make its own fresh entities (a new NGO, a new round). A failure with no resend behind it fails as it is.
    /// </summary>
    internal async Task<T> SetUpAsync<T>(Func<Task<T>> step)
    {
        for (var attempt = 1; ; attempt++)
        {
            var resentBefore = setupResender!.Resent;
            try
            {
                return await step();
            }
            catch (Exception) when (attempt < SetupAttempts && setupResender.Resent > resentBefore)
            {
            }
        }
    }

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        proxy = new StorageProxy(Azurite.Ports);
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The timeout covers the resends: five tries of up to a deadline each, four Retry-After waits between them.
        setupResender = new ResendAfterRetryAfter(SetupResends);
        SetupClient = new HttpClient(setupResender) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await StartRunnerAsync();
    }

    /// <summary>
    /// Stops the runner as a crash would, as far as storage can tell: storage is cut off first, so nothing the runner
    /// does while stopping (settling messages, releasing outbox rows, marking emails sent) reaches it. Its leased
    /// messages stay leased, its claims stay claimed; then storage comes back and a new runner starts.
    /// </summary>
    public async Task CrashAndRestartRunnerAsync()
    {
        Storage.Kill();
        await App.StopAsync();
        await App.DisposeAsync();
        Storage.Restore();
        await StartRunnerAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        SetupClient.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        await Azurite.DisposeAsync();
        File.Delete(HostJson);
    }

    public void Dispose() => logs.Dispose();

    private async Task StartRunnerAsync()
    {
        App = RunnerApp.Build(
            [],
            new Dictionary<string, string?>
            {
                ["urls"] = BaseAddress.ToString().TrimEnd('/'),
                ["AzureWebJobsStorage"] = Storage.Ports.ConnectionString,
                ["LocalRunner:FunctionKeys:default"] = RunnerFixture.FunctionKey,
                ["LocalRunner:HostJson"] = HostJson,
                ["LocalRunner:QueueLease"] = QueueLease.ToString(),
                ["LocalRunner:ShutdownGrace"] = "00:00:01",
                ["Http:RequestDeadline"] = RequestDeadline.ToString(),
                ["Secretariat:BootstrapEmails"] = RunnerFixture.Secretariat,
                ["Auth:SignInsPerClient"] = "100000",

                // A sign-in link request answered 503 at the deadline may have counted; its resends must not use up the
                // shared Secretariat address's five, after which no link is mailed and every later test's set-up fails.
                ["Auth:SignInsPerAddress"] = "100000",
            },
            services =>
            {
                services.AddSingleton(mail);
                services.AddSingleton<ILoggerProvider>(logs);
                services.ConfigureAll<QueueClientOptions>(o => o.AddPolicy(new DuplicateEnqueuePolicy(this), HttpPipelinePosition.PerCall));
                services.ConfigureAll<TableClientOptions>(o => o.AddPolicy(new KillAfterCommitPolicy(this), HttpPipelinePosition.PerRetry));
            });
        await App.StartAsync();
        await App.Services.GetRequiredService<StorageInitializer>().Ready.WaitAsync(AzuriteFixture.StartTimeout);
    }

    private sealed class DuplicateEnqueuePolicy(FaultFixture owner) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (owner.DuplicateEnqueues && message.Request.Method == RequestMethod.Post
                && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal) && message.Response.Status == 201)
            {
                if (!message.Request.Uri.Query.Contains("visibilitytimeout=", StringComparison.OrdinalIgnoreCase))
                {
                    message.Request.Uri.AppendQuery("visibilitytimeout", "1");
                }

                await ProcessNextAsync(message, pipeline);
                owner.duplicatedByQueue.AddOrUpdate(message.Request.Uri.Path.Split('/')[^2], 1, (_, n) => n + 1);
            }
        }
    }

    private sealed class KillAfterCommitPolicy(FaultFixture owner) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (owner.KillStorageAfterCommitOf is { } target && message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal)
                && message.Response.Status == 202 && message.Request.Content is { } content)
            {
                using var body = new MemoryStream();
                await content.WriteToAsync(body, CancellationToken.None);
                if (System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(target, StringComparison.Ordinal))
                {
                    owner.KillStorageAfterCommitOf = null;
                    owner.Storage.Kill();
                }
            }
        }
    }

    /// <summary>Every log line the runners wrote, one entry per line (a stack trace is many).</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines.ToArray();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }

                var text = $"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? string.Empty : "\n" + exception);
                foreach (var line in text.Split('\n'))
                {
                    lines.Enqueue(line);
                }
            }
        }
    }
}

/// <summary>
/// Runs beside the other collections: set-up resends its 503s, leases leave a renewal seconds of slack, and the waits
/// on background work are derived from the timings above, so the suite's own load does not fail it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}
