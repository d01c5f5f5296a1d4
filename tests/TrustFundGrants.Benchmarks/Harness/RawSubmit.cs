using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The storage operations POST /api/applications/{id}/submit performs (SubmitApplication.cs, with
/// ApplicationStore.FindAsync, DocumentStore.ListAsync, Outbox.ReleaseAsync and
/// AuditLog.RecordAsync), done straight with the Azure SDK on copies of a real draft, its document and
/// its round, in tables and a queue of their own (so the app's dispatcher and sweeper never see them):
/// application point read, document range query, the transaction of the update and two outbox rows,
/// two pointer sends, the audit insert. The application-key lookup is separate
/// (<see cref="KeyReadAsync"/>): the app caches it for the life of the process, as it does an open
/// round's terms (RoundStore.TermsAsync), so the round is not read either.
/// </summary>
internal sealed class RawSubmit
{
    public static readonly string[] Steps =
    [
        "application point read (GetEntityIfExists)",
        "document range query",
        "transaction: update + 2 outbox adds",
        "outbox pointer send 1",
        "outbox pointer send 2",
        "audit insert (AddEntity)",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient applications;
    private readonly TableClient keys;
    private readonly TableClient rounds;
    private readonly TableClient audit;
    private readonly QueueClient outbox;
    private readonly TableEntity application;
    private readonly TableEntity document;
    private readonly string roundId = Guid.CreateVersion7().ToString();

    private RawSubmit(string connectionString, string tag, TableEntity application, TableEntity document)
    {
        var suffix = tag + Guid.NewGuid().ToString("N")[..6];
        applications = new TableClient(connectionString, "bench" + suffix + "apps");
        keys = new TableClient(connectionString, "bench" + suffix + "keys");
        rounds = new TableClient(connectionString, "bench" + suffix + "rounds");
        audit = new TableClient(connectionString, "bench" + suffix + "audit");
        // Base64, as the app's queue client sends.
        outbox = new QueueClient(connectionString, "bench-outbox-" + suffix, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        this.application = application;
        this.document = document;
    }

    /// <summary>Tables and queue of their own, and a copy of the round; <paramref name="source"/> gives the app's real rows to copy.</summary>
    public static async Task<RawSubmit> CreateAsync(string connectionString, string tag, AppRows source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var raw = new RawSubmit(connectionString, tag, source.Application, source.Document);
        foreach (var table in new[] { raw.applications, raw.keys, raw.rounds, raw.audit })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        await raw.outbox.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await raw.rounds.AddEntityAsync(BenchEntities.Copy(source.Round, RoundEntity.Partition, raw.roundId), cancellationToken);
        return raw;
    }

    /// <summary>
    /// Copies of the draft (status Draft) with their document row and key row, under new ids, all in
    /// this round's partition as the app keeps them; returns the ids.
    /// </summary>
    public async Task<string[]> PrepareAsync(int count, int parallel, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            await keys.AddEntityAsync(new TableEntity(id, "key") { ["RoundId"] = roundId }, ct);
            await applications.AddEntityAsync(BenchEntities.Copy(application, roundId, id), ct);
            await applications.AddEntityAsync(BenchEntities.Copy(document, roundId, DocumentEntity.RowKeyFor(id, GrantApi.DocumentType)), ct);
        });
        return ids;
    }

    /// <summary>The lookup the app skips once it has cached an id's round (ApplicationStore.FindAsync).</summary>
    public async Task KeyReadAsync(string id, CancellationToken cancellationToken)
    {
        var key = await keys.GetEntityIfExistsAsync<TableEntity>(id, "key", cancellationToken: cancellationToken);
        if (!key.HasValue || key.Value!.GetString("RoundId") != roundId)
        {
            throw new InvalidOperationException($"Raw key row {id} is missing.");
        }
    }

    /// <summary>Submits one prepared copy; <paramref name="steps"/>, when given, gets each step's milliseconds.</summary>
    public async Task RunAsync(string id, double[]? steps, CancellationToken cancellationToken)
    {
        var mark = Stopwatch.GetTimestamp();
        void Lap(int step)
        {
            var now = Stopwatch.GetTimestamp();
            if (steps is not null)
            {
                steps[step] = Latencies.Ms(mark, now);
            }

            mark = now;
        }

        var found = await applications.GetEntityIfExistsAsync<ApplicationEntity>(roundId, id, cancellationToken: cancellationToken);
        var app = found.HasValue ? found.Value! : throw new InvalidOperationException($"Raw application {id} is missing.");
        Lap(0);

        var prefix = id + "|doc|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {prefix} and RowKey lt {id + "|doc}"}");
        var documents = new List<DocumentEntity>();
        await foreach (var row in applications.QueryAsync<DocumentEntity>(filter, cancellationToken: cancellationToken))
        {
            documents.Add(row);
        }

        if (documents.Count != 1 || app.Status != ApplicationStatus.Draft)
        {
            throw new InvalidOperationException($"Raw application {id} is not a complete draft ({app.Status}, {documents.Count} documents).");
        }

        Lap(1);

        var now = DateTimeOffset.UtcNow;
        app.Status = ApplicationStatus.Submitted;
        app.SubmittedAt = now;
        app.UpdatedAt = now;
        app.SubmittedByEmail = "ngo@example.org";
        app.Reference = $"TFG-{now.Year}-{id[^12..].ToUpperInvariant()}";
        var screening = Stage(ScreeningMessage.Queue, new ScreeningMessage(roundId, id), now);
        var acknowledgement = Stage(ApplicationEmailMessage.Queue, new ApplicationEmailMessage(roundId, id, ApplicationEmailMessage.Kinds.Acknowledgement), now);
        await applications.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, app, app.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, screening),
                new TableTransactionAction(TableTransactionActionType.Add, acknowledgement),
            ],
            cancellationToken);
        Lap(2);

        await outbox.SendMessageAsync(new OutboxPointer(applications.Name, roundId, screening.RowKey).ToJson(), cancellationToken);
        Lap(3);
        await outbox.SendMessageAsync(new OutboxPointer(applications.Name, roundId, acknowledgement.RowKey).ToJson(), cancellationToken);
        Lap(4);

        await audit.AddEntityAsync(
            new AuditEntry
            {
                PartitionKey = "application:" + id,
                RowKey = (DateTimeOffset.MaxValue.Ticks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"),
                ActorId = Guid.CreateVersion7().ToString(),
                ActorEmail = "ngo@example.org",
                Action = "application.submitted",
                At = now,
                Before = JsonSerializer.Serialize(new { status = ApplicationStatus.Draft }, Json),
                After = JsonSerializer.Serialize(new { app.Status, app.Reference }, Json),
            },
            cancellationToken);
        Lap(5);
    }

    private OutboxEntry Stage(string queue, WorkMessage message, DateTimeOffset now) => new()
    {
        PartitionKey = roundId,
        RowKey = OutboxEntry.RowKeyPrefix + message.MessageId,
        Queue = queue,
        Message = JsonSerializer.Serialize(message, message.GetType(), Json),
        CreatedAt = now,
    };
}

/// <summary>A real complete draft, its document row and its round, read from the app's tables to be copied.</summary>
internal sealed record AppRows(TableEntity Application, TableEntity Document, TableEntity Round)
{
    public static async Task<AppRows> ReadAsync(string connectionString, string roundId, string applicationId, CancellationToken cancellationToken)
    {
        var applications = new TableClient(connectionString, ApplicationStore.Table);
        var rounds = new TableClient(connectionString, RoundStore.Table);
        var application = (await applications.GetEntityAsync<TableEntity>(roundId, applicationId, cancellationToken: cancellationToken)).Value;
        var document = (await applications.GetEntityAsync<TableEntity>(roundId, DocumentEntity.RowKeyFor(applicationId, GrantApi.DocumentType), cancellationToken: cancellationToken)).Value;
        var round = (await rounds.GetEntityAsync<TableEntity>(RoundEntity.Partition, roundId, cancellationToken: cancellationToken)).Value;
        return application.GetString("Status") == ApplicationStatus.Draft
            ? new AppRows(application, document, round)
            : throw new InvalidOperationException($"Application {applicationId} is {application.GetString("Status")}, not a draft to copy.");
    }
}
