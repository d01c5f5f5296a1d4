using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrustFundGrants.Functions;
using TrustFundGrants.Functions.Platform.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The LocalRunner runs no worker middleware; it calls the same RequestGuard around each HTTP invocation.
builder.UseMiddleware<TrustFundGrants.Functions.Platform.Http.RequestGuardMiddleware>();
builder.Services.AddTrustFundGrants(builder.Configuration);

// The app's spans and counters join the host's invocation traces; the existing Application Insights
// setting (APPLICATIONINSIGHTS_CONNECTION_STRING) decides whether they are exported to Azure Monitor.
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(AppTelemetry.Name))
    .WithMetrics(metrics => metrics.AddMeter(AppTelemetry.Name))
    .UseFunctionsWorkerDefaults();
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    telemetry.UseAzureMonitorExporter();
}
builder.Build().Run();
