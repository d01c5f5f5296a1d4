using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>
/// Strict storage doubles for the sign-in and session functions: a table is reachable only once a
/// test asks for it, and each call it answers must be set up, so an unexpected write fails the test.
/// </summary>
internal sealed class IdentityDoubles
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, Mock<TableClient>> tables = new(StringComparer.Ordinal);

    public IdentityDoubles()
    {
        Options = Microsoft.Extensions.Options.Options.Create(new AuthOptions
        {
            SigningKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()),
            PortalBaseUrl = new Uri("https://grants.example.org"),
        });
        Tokens = new SessionTokens(Options, Clock);
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("m", Now, Now, "p", Now), Mock.Of<Response>()));
        Queues.Setup(q => q.GetQueueClient(It.IsAny<string>())).Returns(queue.Object);
        OutboxIndex = OutboxIndexDouble.On(Service);
        Audit = new AuditLog(Service.Object, new TrustFundGrants.Functions.Platform.Outbox.Outbox(Queues.Object, Service.Object, Clock, NullLogger<TrustFundGrants.Functions.Platform.Outbox.Outbox>.Instance), Clock);
        Revocations = new SessionRevocations(Service.Object, Audit, Clock, Options, NullLogger<SessionRevocations>.Instance);
    }

    public Mock<QueueServiceClient> Queues { get; } = new(MockBehavior.Strict);

    /// <summary>Audit entries staged with the changes that committed, in order.</summary>
    public List<OutboxEntry> Staged { get; } = [];

    public FakeTimeProvider Clock { get; } = new(Now);

    public Mock<TableServiceClient> Service { get; } = new(MockBehavior.Strict);

    public OutboxIndexDouble OutboxIndex { get; }

    public IOptions<AuthOptions> Options { get; }

    public SessionTokens Tokens { get; }

    public SessionRevocations Revocations { get; }

    public Access Access => new(Tokens, Revocations, Options);

    public UserStore Users => new(Service.Object, Audit, Revocations, Clock);

    public AuditLog Audit { get; }

    public Mock<TableClient> Table(string name)
    {
        if (!tables.TryGetValue(name, out var table))
        {
            table = new Mock<TableClient>(MockBehavior.Strict);
            Service.Setup(s => s.GetTableClient(name)).Returns(table.Object);

            // The outbox deletes each staged row once it has sent its message.
            table.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.Is<string>(k => k.StartsWith(OutboxEntry.RowKeyPrefix, StringComparison.Ordinal)), ETag.All, It.IsAny<CancellationToken>()))
                .ReturnsAsync(Mock.Of<Response>());
            tables[name] = table;
        }

        return table;
    }

    /// <summary>The ended-sessions table holds <paramref name="rows"/> (none by default); each read is counted.</summary>
    public Mock<TableClient> EndedSessions(List<string>? calls = null, params TableEntity[] rows)
    {
        var table = Table(SessionRevocations.Table);
        table.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Callback(() => calls?.Add("read ended"))
            .Returns(() => AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues(rows, null, Mock.Of<Response>())]));
        return table;
    }

    /// <summary>Accepts ended-session rows (alone, or in a transaction with a staged audit entry), recording them and the order of calls.</summary>
    public List<TableEntity> AcceptEndings(List<string>? calls = null)
    {
        var written = new List<TableEntity>();
        var table = Table(SessionRevocations.Table);
        table.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .Callback<TableEntity, CancellationToken>((row, _) =>
            {
                written.Add(row);
                calls?.Add("end sessions");
            })
            .ReturnsAsync(Mock.Of<Response>());
        table.SetupGet(t => t.Name).Returns(SessionRevocations.Table);
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((actions, _) =>
            {
                written.AddRange(actions.Select(a => a.Entity).OfType<TableEntity>());
                Staged.AddRange(actions.Select(a => a.Entity).OfType<OutboxEntry>());
                calls?.Add("end sessions");
            })
            .ReturnsAsync((IEnumerable<TableTransactionAction> actions, CancellationToken _) => Committed(actions.Count()));
        return written;
    }

    public static UserEntity User(string email, params string[] roles) => new()
    {
        PartitionKey = EmailAddress.Key(email),
        UserId = "user-" + email.Split('@')[0],
        Email = email,
        DisplayName = email,
        Roles = string.Join(' ', roles),
        ETag = new ETag("W/\"1\""),
    };

    public void HoldUser(UserEntity user)
    {
        Table(UserStore.Table).Setup(t => t.GetEntityIfExistsAsync<UserEntity>(user.PartitionKey, UserEntity.Row, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Response.FromValue(user, Mock.Of<Response>()));
    }

    public void HoldNoUser(string email)
    {
        var missing = new Mock<NullableResponse<UserEntity>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        Table(UserStore.Table).Setup(t => t.GetEntityIfExistsAsync<UserEntity>(EmailAddress.Key(email), UserEntity.Row, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(missing.Object);
    }

    /// <summary>Accepts the user's write (with any staged audit entry, in one transaction), recording what was written.</summary>
    public List<UserEntity> AcceptUserUpdates(List<string>? calls = null)
    {
        var written = new List<UserEntity>();
        var table = Table(UserStore.Table);
        table.SetupGet(t => t.Name).Returns(UserStore.Table);
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((actions, _) =>
            {
                foreach (var user in actions.Select(a => a.Entity).OfType<UserEntity>())
                {
                    written.Add(new UserEntity { UserId = user.UserId, Email = user.Email, Roles = user.Roles, SessionGeneration = user.SessionGeneration, DeactivatedAt = user.DeactivatedAt, DonorId = user.DonorId });
                }

                Staged.AddRange(actions.Select(a => a.Entity).OfType<OutboxEntry>());
                calls?.Add("update user");
            })
            .ReturnsAsync((IEnumerable<TableTransactionAction> actions, CancellationToken _) => Committed(actions.Count()));
        return written;
    }

    public static Response<IReadOnlyList<Response>> Committed(int count) =>
        Response.FromValue<IReadOnlyList<Response>>(Enumerable.Range(0, count).Select(_ => (Response)new Updated()).ToArray(), Mock.Of<Response>());

    public string Bearer(Caller caller) => Tokens.Issue(caller).Token;

    public static HttpRequest Request(string? json = null, string? bearer = null, string? cookie = null, string? forwardedFor = null, string method = "POST")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.10");
        var request = context.Request;
        request.Method = method;
        request.Scheme = "https";
        request.Host = new HostString("grants.example.org");
        if (json is not null)
        {
            request.ContentType = "application/json";
            request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = "Bearer " + bearer;
        }

        if (cookie is not null)
        {
            request.Headers.Cookie = SessionCookie.Name + "=" + cookie;
        }

        if (forwardedFor is not null)
        {
            request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return request;
    }

    /// <summary>A storage answer with a new ETag, as Table Storage gives for an update.</summary>
    public sealed class Updated : Response
    {
        public override int Status => 204;

        public override string ReasonPhrase => "No Content";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => name == "ETag";

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => [new("ETag", "W/\"2\"")];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = name == "ETag" ? "W/\"2\"" : null;
            return value is not null;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = name == "ETag" ? ["W/\"2\""] : null;
            return values is not null;
        }
    }
}
