using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Tests.Support;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Grants;

/// <summary>
/// What the grant function tests share: real sessions and access checks, a strict grant store that answers
/// only the reads a test sets up and records each commit, an audit log whose every entry is captured, and
/// an outbox that only stages (a release would hit the strict queue client and fail the test).
/// </summary>
internal sealed class GrantDoubles
{
    public const string GrantId = "0195a1b2-0000-7000-8000-0000000000aa";
    public const string OrganisationId = "0195a1b2-0000-7000-8000-0000000000bb";
    public static readonly ETag Read = new("W/\"read\"");

    public static readonly Caller Finance = new("user-finance", "finance@fund.example", "Finance", [Roles.Secretariat], null, null);
    public static readonly Caller Director = new("user-director", "director@fund.example", "Director", [Roles.Secretariat], null, null);
    public static readonly Caller Member = new("user-ngo", "ana@ngo.example", "Ana", [Roles.Applicant], OrganisationId, null);
    public static readonly Caller Stranger = new("user-other", "eve@other.example", "Eve", [Roles.Applicant], "0195a1b2-0000-7000-8000-0000000000cc", null);

    private readonly SessionTokens tokens;

    public GrantDoubles()
    {
        var options = Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) });
        tokens = new SessionTokens(options, Clock);
        // No session has ended: the revocation list the access check reads is empty.
        var ended = new Mock<TableClient>(MockBehavior.Strict);
        ended.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<TableEntity>.FromPages([]));
        var tables = new Mock<TableServiceClient>(MockBehavior.Strict);
        tables.Setup(t => t.GetTableClient(SessionRevocations.Table)).Returns(ended.Object);
        OutboxIndexDouble.On(tables);
        Outbox = new Outbox(new Mock<QueueServiceClient>(MockBehavior.Strict).Object, tables.Object, Clock, NullLogger<Outbox>.Instance);
        Audit = new AuditLog(tables.Object, Outbox, Clock);
        var revocations = new SessionRevocations(tables.Object, Audit, Clock, options, NullLogger<SessionRevocations>.Instance);
        Access = new Access(tokens, revocations, options);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public Access Access { get; }

    public AuditLog Audit { get; }

    public Outbox Outbox { get; }

    public Mock<IGrantStore> Store { get; } = new(MockBehavior.Strict);

    /// <summary>The audit entries the commits staged (an entry commits with its change, or not at all).</summary>
    public List<AuditMessage> Audited =>
        [.. Commits.SelectMany(c => c.Outbox).Concat(Added).Where(o => o.Queue == AuditMessage.Queue).Select(o => JsonSerializer.Deserialize<AuditMessage>(o.Message, JsonSerializerOptions.Web)!)];

    /// <summary>Outbox rows staged with a grant's creation.</summary>
    public List<OutboxEntry> Added { get; } = [];

    public List<GrantChange> Commits { get; } = [];

    /// <summary>An active 45,000.00 USD grant in three tranches (40/40/20), an interim and a final report, ETag <see cref="Read"/>.</summary>
    public static GrantFile ActiveGrant(string first = TrancheStatus.Due, long disbursed = 0)
    {
        var grant = new GrantEntity
        {
            PartitionKey = GrantId, ETag = Read, FundId = "fund-1", OrganisationId = OrganisationId, Title = "Safe houses", Reference = "R-1",
            Currency = "USD", AmountMinor = 4_500_000, Status = GrantStatus.Active, StartDate = "2027-01-01", EndDate = "2027-12-31",
            CommittedMinor = 4_500_000, DisbursedMinor = disbursed, LedgerCount = 1, Version = 5, ContactEmail = "ana@ngo.example",
        };
        GrantBudget.Keep(grant, [new("shelter", "Rent", 3_000_000), new("legal", "Lawyers", 1_500_000)]);
        GrantBudget.KeepSpent(grant, [0, 0]);
        TrancheEntity Tranche(int n, long amount, string status, int? after) => new()
        {
            PartitionKey = GrantId, RowKey = TrancheEntity.RowKeyFor(n), ETag = new ETag($"W/\"t{n}\""), Number = n, AmountMinor = amount,
            DueOn = "2027-01-01", AfterReport = after, Status = status,
        };
        ReportEntity Report(int n, string kind, string due) => new()
        {
            PartitionKey = GrantId, RowKey = ReportEntity.RowKeyFor(n), ETag = new ETag($"W/\"r{n}\""), Number = n, Kind = kind, PeriodEnd = "2027-06-30", DueOn = due,
        };
        return new GrantFile(
            grant,
            [Tranche(1, 1_800_000, first, null), Tranche(2, 1_800_000, TrancheStatus.Scheduled, 1), Tranche(3, 900_000, TrancheStatus.Scheduled, 2)],
            [Report(1, GrantTerms.Interim, "2027-07-31"), Report(2, GrantTerms.Final, "2028-01-31")],
            []);
    }

    /// <summary>The store reads <paramref name="file"/>; commits are recorded and answered with a new ETag.</summary>
    public void Holds(GrantFile file, bool commits = true)
    {
        Store.Setup(s => s.ReadAsync(GrantId, It.IsAny<CancellationToken>())).ReturnsAsync(file);
        if (commits)
        {
            Store.Setup(s => s.CommitAsync(It.IsAny<GrantChange>(), It.IsAny<CancellationToken>()))
                .Callback<GrantChange, CancellationToken>((c, _) => Commits.Add(c))
                .ReturnsAsync(new ETag("W/\"after\""));
        }
    }

    public HttpRequest Request(Caller caller, string method, object? body = null, ETag? ifMatch = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Authorization = "Bearer " + tokens.Issue(caller).Token;
        if (ifMatch is { } etag)
        {
            context.Request.Headers.IfMatch = etag.ToString();
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        return context.Request;
    }

    /// <summary>The work messages a commit staged, by queue.</summary>
    public static string[] Staged(GrantChange change, string queue) =>
        change.Outbox.Where(o => o.Queue == queue).Select(o => o.Message).ToArray();
}
