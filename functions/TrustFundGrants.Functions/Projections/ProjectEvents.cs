using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// The dashboard projector: each message on projection-events is applied once to its fund's dashboard. A
/// message that cannot be read, or names no fund or grant properly, throws: the host retries it, then moves it
/// to projection-events-poison, and the messages behind it carry on.
/// </summary>
public sealed class ProjectEvents(FundProjector projector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [Function(nameof(ProjectEvents))]
    public async Task Run([QueueTrigger(ProjectionEvent.Queue)] string message, CancellationToken cancellationToken)
    {
        await projector.ApplyAsync(Parse(message), cancellationToken);
    }

    public static ProjectionEvent Parse(string message)
    {
        var parsed = JsonSerializer.Deserialize<ProjectionEvent>(message, Json) ?? throw new FormatException("The projection event is empty.");
        if (!Guid.TryParse(parsed.MessageId, out _) || !Guid.TryParse(parsed.FundId, out _))
        {
            throw new FormatException("A projection event names its message and fund by id.");
        }

        if (!ProjectionEvent.Kinds.Contains(parsed.Kind, StringComparer.Ordinal))
        {
            throw new FormatException($"'{parsed.Kind}' is not a projection event kind.");
        }

        if (parsed.Kind != ProjectionEvent.ContributionReceived && !Guid.TryParse(parsed.GrantId, out _))
        {
            throw new FormatException($"A {parsed.Kind} event names its grant by id.");
        }

        return parsed;
    }
}
