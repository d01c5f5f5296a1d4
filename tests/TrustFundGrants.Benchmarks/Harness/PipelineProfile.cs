using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TrustFundGrants.Functions.Platform.Telemetry;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Where a message's time goes in the background pipeline, from the app's own telemetry in this process:
/// the queue age each consumer records when it takes a message (<c>tfg.queue.age</c>: staged -> taken, per
/// queue, so a second hop includes the first), and how long each consumer span ran (outbox dispatch,
/// screening, email). Listening costs a dictionary append per message.
/// </summary>
internal sealed class PipelineProfile : IDisposable
{
    // A literal, not AppTelemetry.QueueAge.Name: the listener is told of the instrument while AppTelemetry's static
    // constructor is still creating it, and touching AppTelemetry there would break its initialisation.
    private const string QueueAgeInstrument = "tfg.queue.age";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> ages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> spans = new(StringComparer.Ordinal);
    private readonly MeterListener meters = new();
    private readonly ActivityListener activities;

    public PipelineProfile()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AppTelemetry.Name && instrument.Name == QueueAgeInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var queue = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.destination.name")
                {
                    queue = tag.Value as string ?? "?";
                }
            }

            ages.GetOrAdd(queue, _ => new ConcurrentQueue<double>()).Enqueue(value);
        });
        meters.Start();
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AppTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Kind == ActivityKind.Consumer)
                {
                    spans.GetOrAdd(activity.DisplayName, _ => new ConcurrentQueue<double>()).Enqueue(activity.Duration.TotalMilliseconds);
                }
            },
        };
        ActivitySource.AddActivityListener(activities);
    }

    public void Reset()
    {
        ages.Clear();
        spans.Clear();
    }

    public Table Report(string title)
    {
        var table = new Table(title, "hop", "n", "p50", "p95", "max", "sum s");
        foreach (var (queue, values) in ages.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var s = new Latencies(values.Select(v => v * 1000));
            table.Add("queue age " + queue + " (s, staged -> taken)", Fmt.Int(s.Count), Fmt.Inv($"{s.P50 / 1000:0.00}"), Fmt.Inv($"{s.P95 / 1000:0.00}"), Fmt.Inv($"{s.Max / 1000:0.00}"), "");
        }

        foreach (var (name, values) in spans.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var s = new Latencies(values);
            table.Add("work: " + name + " (ms)", Fmt.Int(s.Count), Fmt.Ms(s.P50), Fmt.Ms(s.P95), Fmt.Ms(s.Max), Fmt.Inv($"{values.Sum() / 1000:0.0}"));
        }

        table.Note("Queue age is recorded by each consumer as it takes a message: from the moment the outbox staged it (the state change's commit) to that consumer starting, so a message that went through the outbox queue first counts that hop in its target queue's age. Work is the consumer's span: its storage requests and, for email, SendGrid (the runner's local catcher).");
        return table;
    }

    public void Dispose()
    {
        meters.Dispose();
        activities.Dispose();
    }
}
