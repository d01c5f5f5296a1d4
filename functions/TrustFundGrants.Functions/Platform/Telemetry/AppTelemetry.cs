using System.Diagnostics;
using System.Diagnostics.Metrics;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Platform.Telemetry;

/// <summary>
/// The app's own spans and counters. A work message carries the W3C trace context of the work that
/// staged it (<see cref="WorkMessage.TraceParent"/>), so a submission's HTTP request, its outbox hops,
/// screening and each email form one trace in Application Insights (Azure) or the LocalRunner's exporter.
/// </summary>
public static class AppTelemetry
{
    public const string Name = "TrustFundGrants";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Seconds from staging a work message in the outbox to a consumer taking it, per queue.</summary>
    public static readonly Histogram<double> QueueAge = Meter.CreateHistogram<double>("tfg.queue.age", "s", "Time from staging a work message to a consumer taking it");

    public static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("tfg.emails.sent", "{email}", "Emails handed to SendGrid");

    /// <summary>Counted where messages are moved: by the LocalRunner here; in Azure the Functions host moves them and reports it itself.</summary>
    public static readonly Counter<long> PoisonMessages = Meter.CreateCounter<long>("tfg.queue.poison", "{message}", "Messages moved to a poison queue");

    /// <summary>
    /// A consumer's span, continuing the trace the message was staged in, and the message's queue age.
    /// Null when nothing listens (no exporter configured).
    /// </summary>
    public static Activity? StartConsumer(string name, string queue, string? traceParent, DateTimeOffset? stagedAt, DateTimeOffset now)
    {
        if (stagedAt is { } staged)
        {
            QueueAge.Record(Math.Max(0, (now - staged).TotalSeconds), new KeyValuePair<string, object?>("messaging.destination.name", queue));
        }

        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity(name, ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "azure_queue");
        activity?.SetTag("messaging.destination.name", queue);
        return activity;
    }

    public static Activity? StartConsumer(string name, string queue, WorkMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var activity = StartConsumer(name, queue, message.TraceParent, message.StagedAt, now);
        activity?.SetTag("messaging.message.id", message.MessageId);
        return activity;
    }
}
