using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>
/// What a feature function's unit test stands on: strict Moq doubles of the storage clients (every
/// table and queue the function may touch is set up by the test, so any other call fails it), the real
/// session check with a fixed key, and a clock the test sets.
/// </summary>
internal sealed class FeatureDoubles
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly ETag ReadETag = new("W/\"datetime'2026-03-02T09%3A00%3A00.0000000Z'\"");

    private readonly Dictionary<string, Mock<TableClient>> tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Mock<QueueClient>> queues = new(StringComparer.Ordinal);
    private readonly List<string> released = [];

    public FeatureDoubles()
    {
        TableService.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns((string name) => Table(name).Object);
        OutboxIndex = OutboxIndexDouble.On(TableService);
        QueueService.Setup(s => s.GetQueueClient(It.IsAny<string>())).Returns((string name) => Queue(name).Object);
        var options = Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()) });
        Tokens = new SessionTokens(options, Time);

        // No session has been ended: the session check reads an empty list of ended sessions.
        Table(SessionRevocations.Table)
            .Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(() => Pages<TableEntity>());
        Revocations = new SessionRevocations(TableService.Object, Audit, Time, options, NullLogger<SessionRevocations>.Instance);
        Access = new Access(Tokens, Revocations, options);
    }

    public FakeTimeProvider Time { get; } = new(Now);

    public Mock<TableServiceClient> TableService { get; } = new(MockBehavior.Strict);

    public Mock<QueueServiceClient> QueueService { get; } = new(MockBehavior.Strict);

    public OutboxIndexDouble OutboxIndex { get; }

    public SessionTokens Tokens { get; }

    public SessionRevocations Revocations { get; }

    public Access Access { get; }

    public Outbox Outbox => new(QueueService.Object, TableService.Object, Time, NullLogger<Outbox>.Instance);

    public AuditLog Audit => new(TableService.Object, Outbox, Time);

    public Mock<TableClient> Table(string name)
    {
        if (!tables.TryGetValue(name, out var table))
        {
            table = tables[name] = new Mock<TableClient>(MockBehavior.Strict);
            table.SetupGet(t => t.Name).Returns(name);

            // The outbox deletes each row it has sent; only outbox rows, and whatever their ETag.
            table.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.Is<string>(k => k.StartsWith(OutboxEntry.RowKeyPrefix, StringComparison.Ordinal)), ETag.All, It.IsAny<CancellationToken>()))
                .Callback((string partitionKey, string rowKey, ETag _, CancellationToken _) => Release(name, partitionKey, rowKey))
                .ReturnsAsync(Mock.Of<Response>());
        }

        return table;
    }

    public Mock<QueueClient> Queue(string name)
    {
        if (!queues.TryGetValue(name, out var queue))
        {
            queue = queues[name] = new Mock<QueueClient>(MockBehavior.Strict);

            // The outbox sends each committed row's message to its work queue.
            queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("m", Now, Now.AddDays(7), "pop", Now), Mock.Of<Response>()));
        }

        return queue;
    }

    /// <summary>A request as an API client sends it: the caller's bearer token, or none.</summary>
    public HttpRequest Request(Caller? caller, string method = "POST")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (caller is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + Tokens.Issue(caller).Token;
        }

        return context.Request;
    }

    /// <summary>A request carrying <paramref name="body"/> as JSON, as the portal sends it.</summary>
    public HttpRequest Request(Caller? caller, string method, object body)
    {
        var request = Request(caller, method);
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, System.Text.Json.JsonSerializerOptions.Web);
        request.ContentType = "application/json";
        request.ContentLength = bytes.Length;
        request.Body = new MemoryStream(bytes);
        return request;
    }

    /// <summary>The actions of every transaction <paramref name="table"/> commits, in order.</summary>
    public List<TableTransactionAction> Commits(string table)
    {
        var actions = new List<TableTransactionAction>();
        Table(table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> batch, CancellationToken _) =>
            {
                var list = batch.ToList();
                if (!IsRelease(table, list))
                {
                    actions.AddRange(list);
                }
            })
            .ReturnsAsync(Committed());
        return actions;
    }

    /// <summary>The audit actions staged in <paramref name="actions"/> (each an outbox row owing an audit entry).</summary>
    public static List<string> AuditedActions(IEnumerable<TableTransactionAction> actions) =>
        actions
            .Select(a => a.Entity)
            .OfType<OutboxEntry>()
            .Where(e => e.Queue == AuditMessage.Queue)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.Message).RootElement.GetProperty("action").GetString()!)
            .ToList();

    /// <summary>
    /// The outbox rows released after a commit (sent to their work queue, then deleted), as
    /// "table/partition/rowKey", in the order they were deleted.
    /// </summary>
    public IReadOnlyList<string> Released => released;

    /// <summary>
    /// True, and recorded in <see cref="Released"/>, when a transaction is the outbox deleting rows it has sent after a
    /// commit: a release, not a change. Tests that set up their own transaction callback use it to tell the two apart.
    /// </summary>
    public bool IsRelease(string table, IReadOnlyList<TableTransactionAction> batch)
    {
        if (batch.Count == 0 || !batch.All(a => a.ActionType == TableTransactionActionType.Delete && a.Entity is OutboxEntry))
        {
            return false;
        }

        foreach (var action in batch)
        {
            Release(table, action.Entity.PartitionKey, action.Entity.RowKey);
        }

        return true;
    }

    private void Release(string table, string partitionKey, string rowKey)
    {
        lock (released)
        {
            released.Add(table + "/" + partitionKey + "/" + rowKey);
        }
    }

    public static NullableResponse<T> Found<T>(T value)
        where T : class => Response.FromValue(value, Mock.Of<Response>());

    public static NullableResponse<T> Missing<T>()
        where T : class
    {
        var missing = new Mock<NullableResponse<T>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        return missing.Object;
    }

    public static AsyncPageable<T> Pages<T>(params T[] rows)
        where T : notnull => AsyncPageable<T>.FromPages([Page<T>.FromValues(rows, null, Mock.Of<Response>())]);

    public static Response<IReadOnlyList<Response>> Committed() =>
        Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>());

    public static TableTransactionFailedException TransactionFailed(int status) =>
        new(new RequestFailedException(status, "The transaction failed."));
}
