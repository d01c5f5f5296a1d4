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

    /// <summary>
    /// How long a process keeps a settled round before reading it again. The terms no longer change,
    /// but the deadline may (extended or closed early): this is how late another instance can see that.
    /// </summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (RoundEntity Round, DateTimeOffset ReadAt)> settled = new(StringComparer.Ordinal);

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
    /// process every <see cref="Fresh"/>: in a deadline rush every submit, screening and email would
    /// otherwise read the same row. Only the deadline can still move then (MoveRoundDeadline,
    /// CloseRound), and it reaches every process within <see cref="Fresh"/>.
    /// The instance is shared: never change or write it back (use <see cref="FindAsync"/> for that).
    /// </summary>
    public async Task<RoundEntity?> TermsAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (settled.TryGetValue(id, out var known) && now - known.ReadAt < Fresh)
        {
            return known.Round;
        }

        var round = await FindAsync(id, cancellationToken);
        if (round is not null && round.OpensAt + Settled <= now)
        {
            settled[id] = (round, now);
        }

        return round;
    }

    /// <summary>Forgets this process's copy after it changed the round, so its own next read sees the change at once.</summary>
    public void Forget(string id) => settled.TryRemove(id, out _);
}
