using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Grants.Reports;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

public sealed class AgreementFunctionTests
{
    private readonly GrantDoubles doubles = new();

    [Fact]
    public async Task AcceptAgreement_ByAMember_CommitsCommitmentFirstTrancheDueAndTheCommittedEvent()
    {
        var file = Sent();
        doubles.Holds(file);
        var function = new AcceptAgreement(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Member, "POST", new { name = "Ana Ruiz", title = "Director" }, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal((GrantStatus.Active, "Ana Ruiz", "Director", 4_500_000L), (change.Grant.Status, change.Grant.AcceptedByName, change.Grant.AcceptedByTitle, change.Grant.CommittedMinor));
        Assert.Equal(LedgerKind.Commitment, Assert.Single(change.Add.OfType<LedgerEntryEntity>()).Kind);
        Assert.Equal(TrancheStatus.Due, Assert.IsType<TrancheEntity>(Assert.Single(change.Replace)).Status);
        Assert.Contains("grant-committed", Assert.Single(GrantDoubles.Staged(change, ProjectionEvent.Queue)), StringComparison.Ordinal);
        Assert.Equal(GrantDoubles.Member.UserId, Assert.Single(doubles.Audited).ActorId);
    }

    [Fact]
    public async Task AcceptAgreement_ByAnotherOrganisation_404()
    {
        doubles.Holds(Sent(), commits: false);
        var function = new AcceptAgreement(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Stranger, "POST", new { name = "Eve", title = "Boss" }, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status404NotFound, executed.StatusCode);
    }

    [Fact]
    public async Task AcceptAgreement_WithoutATitle_400NamingTitle()
    {
        var function = new AcceptAgreement(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Member, "POST", new { name = "Ana", title = " " }, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(["title"], executed.ErrorKeys);
        doubles.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SetGrantTerms_TranchesNotAddingUp_400AndNothingCommitted()
    {
        var file = Sent();
        file.Grant.Status = GrantStatus.Draft;
        doubles.Holds(file, commits: false);
        var function = new SetGrantTerms(doubles.Access, doubles.Store.Object, doubles.Audit);
        var terms = new
        {
            startDate = "2027-01-01", endDate = "2027-12-31",
            tranches = new object[] { new { dueDate = "2027-01-01", percent = 50 }, new { dueDate = "2027-07-01", percent = 40 } },
            reports = new object[] { new { kind = "final", periodEnd = "2027-12-31", dueDate = "2028-01-31" } },
        };

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "PUT", terms, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status400BadRequest, executed.StatusCode);
        Assert.Equal(["tranches"], executed.ErrorKeys);
    }

    [Fact]
    public async Task AcceptReport_FinalWithMoneyUnspent_RefundOwedRestCancelledCommitmentReleased()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Paid, disbursed: 3_600_000);
        file.Tranche(2)!.Status = TrancheStatus.Paid;
        file.Report(1)!.Status = ReportStatus.Accepted;
        GrantBudget.KeepSpent(file.Grant, [1_000_000, 200_000]);
        var final = file.Report(2)!;
        final.Status = ReportStatus.Submitted;
        final.ExpenditureJson = """[{"line":0,"actualMinor":1500000,"explanation":null},{"line":1,"actualMinor":300000,"explanation":null}]""";
        doubles.Holds(file);
        doubles.Store.Setup(s => s.AttachmentsAsync(GrantDoubles.GrantId, 2, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var function = new AcceptReport(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "2", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        var grant = Assert.Single(doubles.Commits).Grant;
        Assert.Equal((600_000L, 3_600_000L, GrantStatus.Active, true), (grant.RefundOwedMinor, grant.CommittedMinor, grant.Status, grant.FinalReportAccepted));
        Assert.Equal(TrancheStatus.Cancelled, file.Tranche(3)!.Status);
        var release = Assert.Single(doubles.Commits[0].Add.OfType<LedgerEntryEntity>());
        Assert.Equal((LedgerKind.Adjustment, -900_000L), (release.Kind, release.AmountMinor));
    }

    [Fact]
    public async Task CreateGrant_ItExistsAlready_AddsNothing()
    {
        var (applications, rounds, organisations) = Stores();
        doubles.Store.Setup(s => s.AddAsync(It.Is<GrantEntity>(g => g.PartitionKey == GrantDoubles.GrantId && g.AmountMinor == 4_500_000), It.IsAny<OutboxEntry>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var function = new CreateGrant(applications, rounds, organisations, doubles.Store.Object, doubles.Audit, doubles.Clock);

        await function.Run(new GrantCreationMessage("0195a1b2-0000-7000-8000-0000000000dd", GrantDoubles.GrantId), CancellationToken.None);

        doubles.Store.VerifyAll();
    }

    [Fact]
    public async Task CreateGrant_New_CarriesTheApprovalAndIsAuditedOnce()
    {
        var (applications, rounds, organisations) = Stores();
        GrantEntity? added = null;
        doubles.Store.Setup(s => s.AddAsync(It.IsAny<GrantEntity>(), It.IsAny<OutboxEntry>(), It.IsAny<CancellationToken>()))
            .Callback<GrantEntity, OutboxEntry, CancellationToken>((g, audit, _) => { added = g; doubles.Added.Add(audit); }).ReturnsAsync(true);
        var function = new CreateGrant(applications, rounds, organisations, doubles.Store.Object, doubles.Audit, doubles.Clock);

        await function.Run(new GrantCreationMessage("0195a1b2-0000-7000-8000-0000000000dd", GrantDoubles.GrantId), CancellationToken.None);

        Assert.Equal((GrantStatus.Draft, "fund-9", "Casa Segura", "MX", "ana@ngo.example"), (added!.Status, added.FundId, added.OrganisationName, added.Countries, added.ContactEmail));
        Assert.Equal([3_000_000L, 1_500_000L], GrantBudget.Lines(added).Select(l => l.AmountMinor));
        Assert.Equal("grant.created", Assert.Single(doubles.Audited).Action);
    }

    private static GrantFile Sent()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Scheduled);
        (file.Grant.Status, file.Grant.CommittedMinor, file.Grant.LedgerCount) = (GrantStatus.AwaitingSignature, 0, 0);
        return file;
    }

    private static (ApplicationStore, RoundStore, OrganisationStore) Stores()
    {
        const string roundId = "0195a1b2-0000-7000-8000-0000000000dd";
        var application = new ApplicationEntity
        {
            PartitionKey = roundId, RowKey = GrantDoubles.GrantId, OrganisationId = GrantDoubles.OrganisationId, Status = ApplicationStatus.Approved,
            Title = "Safe houses", Currency = "USD", ApprovedMinor = 4_500_000, Reference = "R-1", SubmittedByEmail = "ana@ngo.example",
            DetailsJson = new ApplicationDetails(["MX"], ["forced-labour"], ["women"], [],
                [new("shelter", "Rent", new("30000.00", "USD")), new("legal", "Lawyers", new("15000.00", "USD"))], new Dictionary<string, bool>()).ToJson(),
        };
        var round = new RoundEntity { RowKey = roundId, FundId = "fund-9", OpensAt = DateTimeOffset.UnixEpoch };
        var organisation = new OrganisationEntity { PartitionKey = GrantDoubles.OrganisationId, Name = "Casa Segura" };
        var tables = new Mock<TableServiceClient>(MockBehavior.Strict);
        tables.Setup(t => t.GetTableClient(ApplicationStore.Table)).Returns(Holding(application, roundId, GrantDoubles.GrantId));
        tables.Setup(t => t.GetTableClient(RoundStore.Table)).Returns(Holding(round, RoundEntity.Partition, roundId));
        tables.Setup(t => t.GetTableClient(OrganisationStore.Table)).Returns(Holding(organisation, GrantDoubles.OrganisationId, OrganisationEntity.Row));
        return (new ApplicationStore(tables.Object), new RoundStore(tables.Object, new FakeTimeProvider(DateTimeOffset.UtcNow)), new OrganisationStore(tables.Object));
    }

    private static TableClient Holding<T>(T entity, string partitionKey, string rowKey)
        where T : class, ITableEntity
    {
        var table = new Mock<TableClient>(MockBehavior.Strict);
        table.Setup(t => t.GetEntityIfExistsAsync<T>(partitionKey, rowKey, null, It.IsAny<CancellationToken>())).ReturnsAsync(Response.FromValue(entity, Mock.Of<Response>()));
        return table.Object;
    }
}
