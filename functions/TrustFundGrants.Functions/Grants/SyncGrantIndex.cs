using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The index sync every grant change owes; idempotent, since a sync only makes the index match the grant.</summary>
public sealed class SyncGrantIndex(GrantIndex index)
{
    [Function(nameof(SyncGrantIndex))]
    public async Task Run([QueueTrigger(GrantIndexMessage.Queue)] GrantIndexMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await index.SyncAsync(message.GrantId, cancellationToken);
    }
}
