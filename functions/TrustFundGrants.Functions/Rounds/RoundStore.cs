using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>Rounds; see <see cref="RoundEntity"/> for keys.</summary>
public sealed class RoundStore(TableServiceClient tables, TimeProvider time)
{
    public const string Table = "rounds";

    /// <summary>
    /// How long after opening a round's terms are taken as final: an edit that passed UpdateRound's
    /// "not open yet" check just before opening may still be on its way to storage.
    /// </summary>
    public static readonly TimeSpan Settled = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, RoundEntity> settled = new(StringComparer.Ordinal);

    public TableClient Client => tables.GetTableClient(Table);

    public async Task<RoundEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The round for reading its terms (dates, amounts, questions, rubric, documents: everything but
    /// ReviewDueAt). Terms cannot change once a round opens, so a settled round is read once per
    /// process: in a deadline rush every submit, screening and email would otherwise read the same row.
    /// The instance is shared: never change or write it back (use <see cref="FindAsync"/> for that).
    /// </summary>
    public async Task<RoundEntity?> TermsAsync(string id, CancellationToken cancellationToken)
    {
        if (settled.TryGetValue(id, out var known))
        {
            return known;
        }

        var round = await FindAsync(id, cancellationToken);
        if (round is not null && round.OpensAt + Settled <= time.GetUtcNow())
        {
            settled.TryAdd(id, round);
        }

        return round;
    }

}
