using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrustFundGrants.Functions.Platform.Telemetry;

namespace TrustFundGrants.LocalRunner.Telemetry;

/// <summary>
/// Shows the app's traces and counters on this machine: to an OpenTelemetry collector when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set (Jaeger, Aspire's dashboard), on the console when
/// LocalRunner:Telemetry is "console". With neither, nothing listens and spans cost nothing.
/// HTTP requests are traced by ASP.NET Core's own source, so a submission's trace starts at its request.
/// </summary>
internal static class RunnerTelemetry
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var console = string.Equals(configuration["LocalRunner:Telemetry"], "console", StringComparison.OrdinalIgnoreCase);
        if (!otlp && !console)
        {
            return;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(AppTelemetry.Name, "Microsoft.AspNetCore");
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(AppTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (console)
                {
                    metrics.AddConsoleExporter();
                }
            });
    }
}
