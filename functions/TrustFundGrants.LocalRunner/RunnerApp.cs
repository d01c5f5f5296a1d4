using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TrustFundGrants.Functions;
using TrustFundGrants.LocalRunner.Azurite;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.DevMail;
using TrustFundGrants.LocalRunner.Functions;
using TrustFundGrants.LocalRunner.Http;
using TrustFundGrants.LocalRunner.Queues;
using TrustFundGrants.LocalRunner.Telemetry;
using TrustFundGrants.LocalRunner.Timers;

namespace TrustFundGrants.LocalRunner;

/// <summary>
/// The host for one machine: the Functions app's own services (<c>AddTrustFundGrants</c>), every
/// function in functions.metadata on its trigger, Azurite when needed, the portal and local mail.
/// </summary>
public static class RunnerApp
{
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";
    public const string DefaultUrl = "http://localhost:7071";

    private static readonly string[] Supported = ["httpTrigger", "queueTrigger", "timerTrigger"];

    /// <param name="args">Command line; configuration keys as <c>--Key=value</c>.</param>
    /// <param name="settings">Settings that override every other source (tests use these).</param>
    /// <param name="services">Registrations added after the app's own (tests add their fixtures' services).</param>
    /// <param name="time">
    /// The clock of the app and of its timer triggers (the system's when null). Tests pass one they can move
    /// forward, so a deadline, a claim's expiry or a reminder is stepped through rather than waited for.
    /// </param>
    public static WebApplication Build(
        string[] args, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TimeProvider? time = null)
    {
        var paths = RunnerPaths.Discover(
            Setting(settings, "LocalRunner:RepoRoot"), Setting(settings, "LocalRunner:FunctionsMetadata"), Setting(settings, "LocalRunner:HostJson"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,

            // Production unless asked (--environment=Development or DOTNET_ENVIRONMENT): no exception pages with stack traces.
            EnvironmentName = Setting(settings, "environment"),
        });

        var url = builder.Configuration["urls"] ?? Setting(settings, "urls") ?? DefaultUrl;
        var sources = builder.Configuration.Sources;
        sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults(url.Split(';')[0], paths) });
        sources.Insert(1, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LocalSettings.Read(paths.RepoRoot) });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? url);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        var host = HostSettings.Load(paths.HostFile);
        var functions = FunctionMetadata.Load(paths.MetadataFile);
        foreach (var function in functions)
        {
            Check(function);
        }

        builder.Services.AddSingleton(paths);
        builder.Services.AddSingleton(host);
        if (string.Equals(builder.Configuration["AzureWebJobsStorage"], DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            // Registered first: hosted services start in order, so storage is up before the app's own start-up work.
            builder.Services.AddHostedService<AzuriteHostedService>();
        }

        builder.Services.AddTrustFundGrants(builder.Configuration);
        QueueWakeupRegistration.Add(builder.Services);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddMvcCore();
        RunnerTelemetry.Add(builder.Services, builder.Configuration);
        builder.Services.AddPortalFiles();
        builder.Services.AddSingleton<MailCatcher>();
        builder.Services.AddSingleton<FunctionKeys>();
        builder.Services.AddSingleton<ServedFunctions>();
        builder.Services.AddSingleton<TriggerHostedService>();
        builder.Services.AddHostedService(p => p.GetRequiredService<TriggerHostedService>());
        services?.Invoke(builder.Services);

        var app = builder.Build();
        ResponseHeaders.Use(app, host, paths);
        Wire(app, functions, host);
        if (Directory.Exists(paths.WebRoot))
        {
            app.UsePortalFiles(paths.WebRoot);
        }

        // The mail page shows everyone's sign-in links: only for the person at this machine, unless asked for.
        var devEndpoints = DevEndpoints.Allowed(builder.Configuration["urls"] ?? url, builder.Configuration["LocalRunner:DevEndpoints"]);
        if (devEndpoints)
        {
            DevMailEndpoints.Map(app);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, devEndpoints));
        return app;
    }

    private static string? Setting(IDictionary<string, string?>? settings, string key) =>
        settings is not null && settings.TryGetValue(key, out var value) ? value : null;

    private static Dictionary<string, string?> Defaults(string url, RunnerPaths paths) => new()
    {
        ["AzureWebJobsStorage"] = DevelopmentStorage,
        ["Email:SendGridApiKey"] = "local-capture",
        ["Email:SendGridHost"] = url.TrimEnd('/') + DevMailEndpoints.SendGridBase,
        ["Auth:PortalBaseUrl"] = url,
        ["Auth:SigningKey"] = LocalSigningKey.Read(paths),
    };

    private static void Check(FunctionMetadata function)
    {
        var trigger = function.Trigger;
        if (!Supported.Contains(trigger.Type, StringComparer.OrdinalIgnoreCase))
        {
            throw new UnsupportedFunctionException(function.Name, $"its trigger '{trigger.Type}' is not implemented");
        }

        foreach (var binding in function.Bindings.Where(b => b != trigger))
        {
            var isHttpReturn = binding.Name == "$return" && string.Equals(binding.Type, "http", StringComparison.OrdinalIgnoreCase);
            if (!isHttpReturn)
            {
                throw new UnsupportedFunctionException(function.Name, $"binding '{binding.Name}' of type '{binding.Type}' is not implemented");
            }
        }
    }

    private static void Wire(WebApplication app, IReadOnlyList<FunctionMetadata> functions, HostSettings host)
    {
        var served = app.Services.GetRequiredService<ServedFunctions>();
        var triggers = app.Services.GetRequiredService<TriggerHostedService>();
        var keys = app.Services.GetRequiredService<FunctionKeys>();
        // How long in-flight messages may finish on shutdown before they are handed back to their queue.
        var grace = app.Configuration.GetValue<TimeSpan?>("LocalRunner:ShutdownGrace") ?? TimeSpan.FromSeconds(20);
        var lease = app.Configuration.GetValue<TimeSpan?>("LocalRunner:QueueLease") ?? QueueSettings.DefaultProcessingLease;
        var queues = (host.Queues with { ProcessingLease = lease }).Validated();
        foreach (var function in functions)
        {
            switch (function.Trigger.Type.ToUpperInvariant())
            {
                case "HTTPTRIGGER":
                    served.Add(HttpTriggerEndpoints.Map(app, function, host.RoutePrefix, keys));
                    break;
                case "QUEUETRIGGER":
                    var (listener, queue) = QueueTriggers.Create(function, app.Configuration, queues, app.Services, grace);
                    triggers.Add(listener);
                    served.Add(queue);
                    break;
                default:
                    var (scheduler, timer) = TimerTriggerScheduler.Create(function, app.Configuration, app.Services);
                    triggers.Add(scheduler);
                    served.Add(timer);
                    break;
            }
        }
    }

    private static void PrintBanner(WebApplication app, bool devEndpoints)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var root = addresses.FirstOrDefault() ?? DefaultUrl;
        Console.WriteLine();
        Console.WriteLine($"TrustFundGrants is running at {root}");
        Console.WriteLine($"  portal      {root}/");
        Console.WriteLine($"  health      {root}/api/health");
        Console.WriteLine(devEndpoints
            ? $"  local mail  {root}/_dev/mail"
            : "  local mail  not served: the runner listens beyond loopback (set LocalRunner__DevEndpoints=true to serve it anyway)");
        Console.WriteLine();
        Console.WriteLine("Functions:");
        foreach (var function in app.Services.GetRequiredService<ServedFunctions>().All)
        {
            Console.WriteLine($"  {function.Name,-28} {function.Trigger,-6} {function.Description}");
        }

        Console.WriteLine();
        Console.WriteLine("Press Ctrl+C to stop.");
    }
}
