using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>
/// Sessions that have ended before their token expired, checked on every request without a storage
/// read: each instance keeps what the <c>sessionends</c> table says in memory and re-reads only the
/// rows added since its last look. An ending is refused at once on the instance that wrote it and
/// within <see cref="AuthOptions.EndedSessionsMaxAge"/> on every other one: past that age a request
/// waits for a refresh, and when storage cannot answer, the session is not taken on trust.
/// PartitionKey: "end" (a few rows an hour at most). RowKey: the ticks when the row was written, then
/// a random suffix, so "everything since" is one range read. A row ends one session (SessionId), or
/// every session of a user below a generation (Generation). Rows expire when no token they could
/// refuse is still valid, and are purged then.
/// </summary>
public sealed partial class SessionRevocations(TableServiceClient tables, AuditLog audit, TimeProvider time, IOptions<AuthOptions> options, ILogger<SessionRevocations> logger)
{
    public const string Table = "sessionends";

    /// <summary>The one partition; a sign-out stages its audit entry here, to commit with the ending.</summary>
    public const string Partition = "end";

    // Writers stamp rows with their own clock and may be slow to write: re-read this far back.
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, DateTimeOffset> endedSessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Generation, DateTimeOffset ExpiresAt)> generations = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private Task? refreshing;
    private long knownAsOfTicks;

    private TableClient Client => tables.GetTableClient(Table);

    /// <summary>
    /// Whether the caller's session has ended. Synchronous while what this instance knows is fresh;
    /// throws <see cref="EndedSessionsUnavailableException"/> when it is too old and storage cannot be read.
    /// </summary>
    public ValueTask<bool> HasEndedAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var age = time.GetUtcNow().UtcTicks - Interlocked.Read(ref knownAsOfTicks);
        var settings = options.Value;
        if (age > settings.EndedSessionsMaxAge.Ticks)
        {
            return WaitThenCheckAsync(caller, cancellationToken);
        }

        if (age > settings.EndedSessionsRefresh.Ticks)
        {
            // Not awaited: this request goes on with what is known; a failure is logged by the refresh and tried again later.
            _ = RefreshAsync().ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return ValueTask.FromResult(HasEnded(caller));
    }

    /// <summary>The lowest generation still valid for a user, as far as this instance knows.</summary>
    public long ValidGenerationFor(string userId) => generations.TryGetValue(userId, out var known) ? known.Generation : 0;

    /// <summary>Ends one session (sign-out), with its audit entry staged in <see cref="Partition"/>.</summary>
    public async Task EndSessionAsync(Caller caller, OutboxEntry auditEntry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var sessionId = caller.SessionId ?? throw new ArgumentException("The caller has no session id.", nameof(caller));
        var row = NewRow();
        row["UserId"] = caller.UserId;
        row["SessionId"] = sessionId;
        await audit.CommitAsync(Client, [new(TableTransactionActionType.Add, row)], auditEntry, cancellationToken);
        Learn(row);
    }

    /// <summary>Ends every session of a user issued below <paramref name="validFrom"/>.</summary>
    public async Task EndSessionsBelowAsync(string userId, long validFrom, CancellationToken cancellationToken)
    {
        var row = NewRow();
        row["UserId"] = userId;
        row["Generation"] = validFrom;
        await Client.AddEntityAsync(row, cancellationToken);
        Learn(row);
    }

    private bool HasEnded(Caller caller) =>
        (caller.SessionId is { } sessionId && endedSessions.ContainsKey(sessionId))
        || caller.SessionGeneration < ValidGenerationFor(caller.UserId);

    private async ValueTask<bool> WaitThenCheckAsync(Caller caller, CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync().WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            throw new EndedSessionsUnavailableException(ex);
        }

        return HasEnded(caller);
    }

    private Task RefreshAsync()
    {
        lock (gate)
        {
            if (refreshing is null || refreshing.IsCompleted)
            {
                refreshing = ReadSinceAsync();
            }

            return refreshing;
        }
    }

    private async Task ReadSinceAsync()
    {
        var started = time.GetUtcNow();
        var knownAsOf = Interlocked.Read(ref knownAsOfTicks);
        var from = knownAsOf == 0
            ? started - options.Value.SessionLifetime - Overlap
            : new DateTimeOffset(knownAsOf, TimeSpan.Zero) - Overlap;
        // Digits sort before "outbox-": the staged audit rows of sign-outs are not read.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Ticks(from)} and RowKey lt {OutboxEntry.RowKeyPrefix}");
        try
        {
            await foreach (var row in Client.QueryAsync<TableEntity>(filter, cancellationToken: CancellationToken.None))
            {
                Learn(row);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
        {
            LogRefreshFailed(logger, ex.Message.Split('\n')[0]);
            throw;
        }

        Forget(started);
        Interlocked.Exchange(ref knownAsOfTicks, started.UtcTicks);
    }

    private void Learn(TableEntity row)
    {
        var expiresAt = row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MaxValue;
        if (row.GetString("SessionId") is { } sessionId)
        {
            endedSessions[sessionId] = expiresAt;
        }
        else if (row.GetString("UserId") is { } userId && row.GetInt64("Generation") is { } generation)
        {
            generations.AddOrUpdate(
                userId,
                (generation, expiresAt),
                (_, known) => generation > known.Generation ? (generation, expiresAt) : (known.Generation, Max(known.ExpiresAt, expiresAt)));
        }
    }

    /// <summary>Entries whose tokens have all expired can refuse nothing any more.</summary>
    private void Forget(DateTimeOffset now)
    {
        foreach (var (sessionId, expiresAt) in endedSessions)
        {
            if (expiresAt < now)
            {
                endedSessions.TryRemove(sessionId, out _);
            }
        }

        foreach (var (userId, known) in generations)
        {
            if (known.ExpiresAt < now)
            {
                generations.TryRemove(new KeyValuePair<string, (long, DateTimeOffset)>(userId, known));
            }
        }
    }

    private TableEntity NewRow()
    {
        var now = time.GetUtcNow();
        return new TableEntity(Partition, Ticks(now) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["EndedAt"] = now,

            // A token this row can refuse was issued before now, or by an instance that had not heard of it yet
            // (within the max age), so it expires within that, one lifetime and the validation skew.
            ["ExpiresAt"] = now + options.Value.EndedSessionsMaxAge + options.Value.SessionLifetime + TimeSpan.FromMinutes(1),
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ended sessions not refreshed from storage: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}

/// <summary>Storage could not say which sessions have ended, and what this instance knows is too old to go on.</summary>
public sealed class EndedSessionsUnavailableException(Exception inner)
    : Exception("Ended sessions could not be read from storage.", inner);
