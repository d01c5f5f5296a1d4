using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// Applies one projection event to its fund's dashboard row, once. The event only says what changed; the
/// projector reads that grant's (or the fund's pledges') facts as they are now, and replaces what the
/// dashboard held for them, in one transaction with the marker that says the event was applied. A redelivered
/// event finds its marker; an event that arrives after a newer one finds nothing left to change; two events
/// of one fund at once collide on the dashboard row's ETag and the loser reads again.
/// </summary>
public sealed class FundProjector(TableServiceClient tables, IGrantSource grants, ContributionStore contributions, TimeProvider time)
{
    private const int Attempts = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Client => tables.GetTableClient(ProjectionRows.Table);

    /// <summary>True when this call applied the event, false when it had been applied before.</summary>
    public async Task<bool> ApplyAsync(ProjectionEvent projectionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projectionEvent);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await ProcessedMarker.ExistsAsync(Client, projectionEvent.FundId, projectionEvent.MessageId, cancellationToken))
            {
                return false;
            }

            var (projection, fundRow) = await ReadAsync(projectionEvent.FundId, cancellationToken);
            var actions = projectionEvent.Kind == ProjectionEvent.ContributionReceived
                ? await SyncPledgesAsync(projectionEvent.FundId, projection, cancellationToken)
                : await SyncGrantAsync(projectionEvent.FundId, projectionEvent.GrantId!, projection, cancellationToken);
            actions.Add(FundAction(projectionEvent.FundId, projection, fundRow));
            actions.Add(new TableTransactionAction(
                TableTransactionActionType.Add, ProcessedMarker.For(projectionEvent.FundId, projectionEvent.MessageId, time.GetUtcNow())));
            try
            {
                await Client.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another event of this fund (or this one, redelivered) committed first: read again.
            }
        }

        throw new RequestFailedException(409, $"Fund {projectionEvent.FundId}'s dashboard kept changing; the event goes back to the queue.");
    }

    /// <summary>The fund's dashboard and its row (null before the first event), read with one point read.</summary>
    public async Task<(FundProjection Projection, TableEntity? Row)> ReadAsync(string fundId, CancellationToken cancellationToken)
    {
        var found = await Client.GetEntityIfExistsAsync<TableEntity>(fundId, ProjectionRows.Fund, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row && ProjectionRows.ReadJson(row) is { } json
            ? (FundProjection.FromJson(json), row)
            : (new FundProjection(), null);
    }

    internal static TableTransactionAction FundAction(string fundId, FundProjection projection, TableEntity? current)
    {
        var row = ProjectionRows.WithJson(fundId, ProjectionRows.Fund, projection.ToJson());
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    private async Task<List<TableTransactionAction>> SyncGrantAsync(string fundId, string grantId, FundProjection projection, CancellationToken cancellationToken)
    {
        var rowKey = ProjectionRows.GrantPrefix + grantId;
        var stored = await Client.GetEntityIfExistsAsync<TableEntity>(fundId, rowKey, cancellationToken: cancellationToken);
        var before = stored.HasValue && stored.Value is { } row && ProjectionRows.ReadJson(row) is { } json
            ? JsonSerializer.Deserialize<GrantFacts>(json, Json)
            : null;
        var after = await grants.FindAsync(fundId, grantId, cancellationToken);
        if (before is null && after is null)
        {
            return [];
        }

        projection.Replace(before, after);
        return [Facts(fundId, rowKey, before is null ? null : stored.Value, after)];
    }

    private async Task<List<TableTransactionAction>> SyncPledgesAsync(string fundId, FundProjection projection, CancellationToken cancellationToken)
    {
        var sources = (await contributions.FundPledgesAsync(fundId, cancellationToken)).ToDictionary(p => p.PledgeId, StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {fundId} and RowKey ge {ProjectionRows.PledgePrefix} and RowKey lt {"pledge."}");
        var projected = new Dictionary<string, (TableEntity Row, string Json)>(StringComparer.Ordinal);
        await foreach (var row in Client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            projected[row.RowKey[ProjectionRows.PledgePrefix.Length..]] = (row, ProjectionRows.ReadJson(row) ?? string.Empty);
        }

        var actions = new List<TableTransactionAction>();
        foreach (var id in sources.Keys.Union(projected.Keys, StringComparer.Ordinal))
        {
            var after = sources.GetValueOrDefault(id);
            var afterJson = after is null ? null : JsonSerializer.Serialize(after, Json);
            var hadBefore = projected.TryGetValue(id, out var before);
            if (hadBefore && before.Json == afterJson)
            {
                continue;
            }

            projection.Replace(hadBefore ? JsonSerializer.Deserialize<PledgeFacts>(before.Json, Json) : null, after);
            actions.Add(Facts(fundId, ProjectionRows.PledgePrefix + id, hadBefore ? before.Row : null, after));
        }

        return actions;
    }

    private static TableTransactionAction Facts<T>(string fundId, string rowKey, TableEntity? before, T? after)
        where T : class
    {
        if (after is null)
        {
            return new TableTransactionAction(TableTransactionActionType.Delete, before!, before!.ETag);
        }

        var row = ProjectionRows.WithJson(fundId, rowKey, JsonSerializer.Serialize(after, Json));
        return before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, before.ETag);
    }
}
