using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Organisations.Names;

/// <summary>Keeps the name index in line with an organisation's name after its registration or a rename. Idempotent: it indexes the name as stored now.</summary>
public sealed class IndexOrganisationName(OrganisationStore organisations, OrganisationNameIndex index)
{
    [Function(nameof(IndexOrganisationName))]
    public async Task Run([QueueTrigger(OrganisationNameMessage.Queue)] OrganisationNameMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Organisations are never deleted, so one that is not there is not ours: the message fails and is poisoned.
        var organisation = await organisations.FindAsync(message.OrganisationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organisation {message.OrganisationId} does not exist.");
        await index.SyncAsync(organisation, cancellationToken);
    }
}
