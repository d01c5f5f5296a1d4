using System.Diagnostics;
using System.Text.Json.Serialization;

namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// A unit of background work: ids, never data, plus a message id that consumers record so a second
/// delivery of the same message does nothing.
/// </summary>
public abstract record WorkMessage
{
    public string MessageId { get; init; } = Guid.CreateVersion7().ToString();

    /// <summary>The W3C traceparent of the work that made this message, so its consumer continues that trace.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; } = Activity.Current?.Id;

    /// <summary>When the outbox staged it: the consumer reports the queue age from this.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StagedAt { get; init; }
}
