using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

public class GrantSourceTests
{
    private const string FundId = "0195a1b2-0000-7000-8000-0000000000f1";
    private const string First = "0195a1b2-0000-7000-8000-000000000001";
    private const string Second = "0195a1b2-0000-7000-8000-000000000002";
    private const string Draft = "0195a1b2-0000-7000-8000-000000000003";

    private readonly FeatureDoubles doubles = new();

    [Fact]
    public void Build_DraftWithoutLedger_IsNoGrantOutsideTheSecretariat()
    {
        Assert.Null(GrantSourceRows.Build(FundId, [Grant(First, ledger: 0)], null));
    }

    [Fact]
    public void Build_GrantOfAnotherFund_IsNull()
    {
        Assert.Null(GrantSourceRows.Build("0195a1b2-0000-7000-8000-0000000000f2", [Grant(First)], null));
    }

    [Fact]
    public void Build_PaidAndReported_PaymentDatedByItsValueDateAndPeopleFromAcceptedReportsOnly()
    {
        var rows = new[]
        {
            Grant(First),
            Ledger(First, 1, LedgerKind.Commitment, 45_000_00, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            Ledger(First, 2, LedgerKind.Disbursement, 18_000_00, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero), tranche: 1),
            Tranche(First, 1, "2025-12-30"),
            Report(First, 1, ReportStatus.Accepted, "2025-09-30", people: 14, spentMinor: 12_000_00),
            Report(First, 2, ReportStatus.Submitted, "2026-03-31", people: 99, spentMinor: 5_000_00),
            new TableEntity(First, "report-01-attachment") { ["Status"] = ReportStatus.Accepted },
        };

        var grant = GrantSourceRows.Build(FundId, rows, Organisation(notNamed: false))!;

        Assert.Equal([new GrantFlow(FlowKind.Commitment, 45_000_00, 2025), new GrantFlow(FlowKind.Disbursement, 18_000_00, 2025)], grant.Facts.Flows);
        Assert.Equal(new DateOnly(2025, 12, 30), grant.Transactions.Single(t => t.Kind == GrantTransaction.Disbursement).Date);
        Assert.Equal(new GrantTransaction(GrantTransaction.Expenditure, 12_000_00, new DateOnly(2025, 9, 30)), grant.Transactions[^1]);
        Assert.Equal(14, grant.Facts.PeopleByGroup["female/18-plus/sexual-exploitation"]);
        Assert.Equal(14, grant.Facts.PeopleByYear[2025]["female/18-plus/sexual-exploitation"]);
        Assert.Equal(14, grant.Facts.AssistanceByYear[2025]["shelter"]);
        Assert.Equal(["MX", "GT"], grant.Facts.Countries);
        Assert.Equal("Casa Segura", grant.Recipient.PublicName);
        Assert.Equal(new DateOnly(2025, 3, 1), grant.Start);
    }

    [Fact]
    public void Build_ReleasedAtCloseOut_CountsAsANegativeCommitment()
    {
        var rows = new[]
        {
            Grant(First),
            Ledger(First, 1, LedgerKind.Commitment, 45_000_00, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            Ledger(First, 2, LedgerKind.Adjustment, -5_000_00, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)),
            Ledger(First, 3, LedgerKind.Refund, 1_000_00, new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero)),
        };

        var facts = GrantSourceRows.Build(FundId, rows, Organisation(notNamed: false))!.Facts;

        Assert.Equal([new GrantFlow(FlowKind.Commitment, 45_000_00, 2025), new GrantFlow(FlowKind.Commitment, -5_000_00, 2026), new GrantFlow(FlowKind.Refund, 1_000_00, 2026)], facts.Flows);
    }

    [Fact]
    public void Build_OrganisationAskedNotToBeNamedOrCannotBeRead_IsNotNamed()
    {
        var rows = new[] { Grant(First), Ledger(First, 1, LedgerKind.Commitment, 100, DateTimeOffset.UnixEpoch) };

        Assert.Equal("An organisation in Mexico", GrantSourceRows.Build(FundId, rows, Organisation(notNamed: true))!.Recipient.PublicName);
        Assert.True(GrantSourceRows.Build(FundId, rows, null)!.Recipient.NotNamedPublicly);
    }

    [Fact]
    public void Build_UnknownLedgerKind_Throws()
    {
        var rows = new[] { Grant(First), Ledger(First, 1, "gift", 100, DateTimeOffset.UnixEpoch) };

        Assert.Throws<FormatException>(() => GrantSourceRows.Build(FundId, rows, null));
    }

    [Fact]
    public async Task ListAsync_TwoIndexPages_ReadsEachGrantOnceAndEachOrganisationOnce_SkippingDrafts()
    {
        var index = doubles.Table(GrantIndex.Table);
        index.Setup(t => t.QueryAsync<TableEntity>(Filter("fund-" + FundId), GrantSource.PageSize, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<TableEntity>.FromPages(
            [
                Page<TableEntity>.FromValues([new TableEntity("fund-" + FundId, First), new TableEntity("fund-" + FundId, Draft)], "next", Mock.Of<Response>()),
                Page<TableEntity>.FromValues([new TableEntity("fund-" + FundId, Second)], null, Mock.Of<Response>()),
            ]));
        var grants = doubles.Table(GrantStore.Table);
        foreach (var (id, ledger) in new[] { (First, 1), (Second, 1), (Draft, 0) })
        {
            grants.Setup(t => t.QueryAsync<TableEntity>(Partition(id), null, null, It.IsAny<CancellationToken>()))
                .Returns(FeatureDoubles.Pages<TableEntity>(ledger == 0 ? [Grant(id, ledger)] : [Grant(id, ledger), Ledger(id, 1, LedgerKind.Commitment, 100, DateTimeOffset.UnixEpoch)]));
        }

        var organisations = doubles.Table(OrganisationStore.Table);
        organisations.Setup(t => t.GetEntityIfExistsAsync<OrganisationEntity>(GrantDoubles.OrganisationId, OrganisationEntity.Row, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(Organisation(notNamed: false)));
        var source = new GrantSource(doubles.TableService.Object, new OrganisationStore(doubles.TableService.Object));

        var listed = new List<GrantRecord>();
        await foreach (var grant in source.ListAsync(FundId, CancellationToken.None))
        {
            listed.Add(grant);
        }

        Assert.Equal([First, Second], listed.Select(g => g.Facts.GrantId));
        organisations.Verify(t => t.GetEntityIfExistsAsync<OrganisationEntity>(GrantDoubles.OrganisationId, OrganisationEntity.Row, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task FindAsync_NotAGrantId_ReadsNothing()
    {
        var source = new GrantSource(doubles.TableService.Object, new OrganisationStore(doubles.TableService.Object));

        Assert.Null(await source.FindAsync(FundId, "grant-1", CancellationToken.None));
    }

    private static string Filter(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");

    private static string Partition(string id) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {GrantSourceRows.From} and RowKey lt {GrantSourceRows.To}");

    private static TableEntity Grant(string id, int ledger = 1) => new(id, GrantEntity.Row)
    {
        [nameof(GrantEntity.FundId)] = FundId,
        [nameof(GrantEntity.RoundId)] = "round-1",
        [nameof(GrantEntity.OrganisationId)] = GrantDoubles.OrganisationId,
        [nameof(GrantEntity.OrganisationName)] = "Casa Segura",
        [nameof(GrantEntity.Title)] = "Safe houses",
        [nameof(GrantEntity.Countries)] = "MX,GT",
        [nameof(GrantEntity.ExploitationForms)] = "sexual-exploitation",
        [nameof(GrantEntity.Status)] = GrantStatus.Active,
        [nameof(GrantEntity.StartDate)] = "2025-03-01",
        [nameof(GrantEntity.EndDate)] = "2026-02-28",
        [nameof(GrantEntity.LedgerCount)] = ledger,
    };

    private static TableEntity Ledger(string id, int sequence, string kind, long amount, DateTimeOffset at, int? tranche = null) => new(id, LedgerEntryEntity.RowKeyFor(sequence))
    {
        [nameof(LedgerEntryEntity.Sequence)] = sequence,
        [nameof(LedgerEntryEntity.Kind)] = kind,
        [nameof(LedgerEntryEntity.AmountMinor)] = amount,
        [nameof(LedgerEntryEntity.At)] = at,
        [nameof(LedgerEntryEntity.TrancheNumber)] = tranche,
    };

    private static TableEntity Tranche(string id, int number, string valueDate) => new(id, TrancheEntity.RowKeyFor(number))
    {
        [nameof(TrancheEntity.Number)] = number,
        [nameof(TrancheEntity.ValueDate)] = valueDate,
    };

    private static TableEntity Report(string id, int number, string status, string periodEnd, int people, long spentMinor) => new(id, ReportEntity.RowKeyFor(number))
    {
        [nameof(ReportEntity.Status)] = status,
        [nameof(ReportEntity.PeriodEnd)] = periodEnd,
        [nameof(ReportEntity.PeopleJson)] = $$"""[{"sex":"female","ageGroup":"18-plus","form":"sexual-exploitation","count":{{people}}}]""",
        [nameof(ReportEntity.AssistanceJson)] = $$"""[{"type":"shelter","count":{{people}}}]""",
        [nameof(ReportEntity.ExpenditureJson)] = $$"""[{"line":0,"actualMinor":{{spentMinor}},"explanation":null}]""",
    };

    private static OrganisationEntity Organisation(bool notNamed) =>
        new() { PartitionKey = GrantDoubles.OrganisationId, Name = "Casa Segura", Country = "MX", NotNamedPublicly = notNamed };
}
