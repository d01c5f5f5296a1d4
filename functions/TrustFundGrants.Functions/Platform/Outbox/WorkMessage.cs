namespace TrustFundGrants.Functions.Platform.Outbox;

/// <summary>
/// A unit of background work: ids, never data, plus a message id that consumers record so a second
/// delivery of the same message does nothing.
/// </summary>
public abstract record WorkMessage
{
    public string MessageId { get; init; } = Guid.CreateVersion7().ToString();
}
