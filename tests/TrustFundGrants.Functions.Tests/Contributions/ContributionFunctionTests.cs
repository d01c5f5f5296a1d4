using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Organisations;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Contributions;

/// <summary>
/// Pledges and receipts: each commits with the projection event that moves the fund's figures (and its audit entry)
/// in one transaction; a receipt is written under the ETag of the pledge it was judged against.
/// </summary>
public sealed class ContributionFunctionTests
{
    private const string DonorId = "0195a1b2-0000-7000-8000-00000000e001";
    private const string FundId = "0195a1b2-0000-7000-8000-00000000f001";
    private const string PledgeId = "0195a1b2-0000-7000-8000-00000000e101";

    private static readonly Caller Secretariat = new("user-secretariat", "admin@fund.example", "admin@fund.example", [Roles.Secretariat], null, null);
    private static readonly Caller Donor = new("user-donor", "gift@donor.example", "gift@donor.example", [Roles.Donor], null, DonorId);

    private readonly FeatureDoubles doubles = new();

    private async Task<ExecutedResult> PledgeAsync(Caller caller, object body)
    {
        var function = new RecordPledge(
            doubles.Access, new ContributionStore(doubles.TableService.Object), new DonorStore(doubles.TableService.Object), new FundStore(doubles.TableService.Object),
            new RoundStore(doubles.TableService.Object, doubles.Time), doubles.Outbox, doubles.Audit, doubles.Time);
        return await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(caller, "POST", body), CancellationToken.None));
    }

    private async Task<ExecutedResult> ReceiveAsync(object body, string? ifMatch = "W/\"pledge\"")
    {
        var function = new RecordReceipt(doubles.Access, new ContributionStore(doubles.TableService.Object), doubles.Outbox, doubles.Audit, doubles.Time);
        var request = doubles.Request(Secretariat, "POST", body);
        if (ifMatch is not null)
        {
            request.Headers.IfMatch = ifMatch;
        }

        return await ExecutedResult.ExecuteAsync(await function.Run(request, PledgeId, CancellationToken.None));
    }

    private void HoldsDonorAndFund(bool donor = true, bool fund = true)
    {
        doubles.Table(DonorStore.Table).Finds(DonorEntity.Partition, DonorId, donor ? new DonorEntity { RowKey = DonorId, Name = "Nordic Aid" } : null);
        doubles.Table(FundStore.Table).Finds(FundEntity.Partition, FundId, fund ? new FundEntity { RowKey = FundId, Currency = "USD" } : null);
    }

    private static object Pledge(string amount = "50000.00", string currency = "EUR", string pledgedOn = "2026-02-01", object? earmark = null) =>
        new { donorId = DonorId, fundId = FundId, amount = new { amount, currency }, pledgedOn, earmark };

    private PledgeEntity HoldsPledge()
    {
        var pledge = new PledgeEntity
        {
            PartitionKey = PledgeId, DonorId = DonorId, FundId = FundId, Currency = "EUR", FundCurrency = "USD", PledgedMinorUnits = 5_000_000,
            ReceivedMinorUnits = 1_000_000, ReceivedFundMinorUnits = 1_080_000, Receipts = 1, PledgedOn = "2026-02-01", ETag = new Azure.ETag("W/\"pledge\""),
        };
        doubles.Table(ContributionStore.Table).Finds(PledgeId, PledgeEntity.Row, pledge);
        return pledge;
    }

    [Fact]
    public async Task RecordPledge_KnownDonorAndFund_CommitsThePledgeWithItsProjectionEventAndAuditAnd201()
    {
        HoldsDonorAndFund();
        var actions = doubles.Commits(ContributionStore.Table);
        var pointers = doubles.Released;

        using var result = await PledgeAsync(Secretariat, Pledge(earmark: new { kind = "theme", value = "forced-labour" }));

        Assert.Equal(201, result.StatusCode);
        var pledge = Assert.IsType<PledgeEntity>(actions[0].Entity);
        Assert.Equal(("EUR", 5_000_000L, "USD", "theme", "forced-labour"), (pledge.Currency, pledge.PledgedMinorUnits, pledge.FundCurrency, pledge.EarmarkKind, pledge.EarmarkValue));
        var projection = Assert.IsType<OutboxEntry>(actions[1].Entity);
        Assert.Equal((ProjectionEvent.Queue, pledge.PartitionKey), (projection.Queue, projection.PartitionKey));
        Assert.Contains("\"kind\":\"contribution-received\"", projection.Message, StringComparison.Ordinal);
        Assert.Equal(["contribution.pledged"], AuditedActions(actions));
        Assert.Equal(2, pointers.Count);
    }

    [Fact]
    public async Task RecordPledge_UnknownDonorAndFundAndABadDate_400NamingEveryFieldAtOnce()
    {
        HoldsDonorAndFund(donor: false, fund: false);

        using var result = await PledgeAsync(Secretariat, Pledge(pledgedOn: "1 Feb 2026"));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["donorId", "fundId", "pledgedOn"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordPledge_ZeroAmountAndAnUnknownEarmark_400NamingBoth()
    {
        HoldsDonorAndFund();

        using var result = await PledgeAsync(Secretariat, Pledge(amount: "0.00", earmark: new { kind = "colour", value = "blue" }));

        Assert.Equal(["amount.amount", "earmark.kind"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordPledge_RoundEarmarkOfAnotherFund_400NamingTheEarmark()
    {
        const string roundId = "0195a1b2-0000-7000-8000-00000000a009";
        HoldsDonorAndFund();
        doubles.Table(RoundStore.Table).Finds(RoundEntity.Partition, roundId, new RoundEntity { RowKey = roundId, FundId = "0195a1b2-0000-7000-8000-00000000f002" });

        using var result = await PledgeAsync(Secretariat, Pledge(earmark: new { kind = "round", value = roundId }));

        Assert.Equal(["earmark.value"], result.ErrorKeys);
    }

    [Fact]
    public async Task RecordPledge_ByADonor_403()
    {
        using var result = await PledgeAsync(Donor, Pledge());

        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task RecordReceipt_InThePledgesCurrency_UpdatesTheTotalsUnderThePledgesETagWithTheReceiptEventAndAudit()
    {
        HoldsPledge();
        var actions = doubles.Commits(ContributionStore.Table);

        using var result = await ReceiveAsync(new { amount = new { amount = "10000.00", currency = "EUR" }, valueDate = "2026-03-01", exchangeRate = "1.08" });

        Assert.Equal(201, result.StatusCode);
        Assert.Equal((TableTransactionActionType.UpdateReplace, new Azure.ETag("W/\"pledge\"")), (actions[0].ActionType, actions[0].ETag));
        var pledge = Assert.IsType<PledgeEntity>(actions[0].Entity);
        Assert.Equal((2_000_000L, 2_160_000L, 2), (pledge.ReceivedMinorUnits, pledge.ReceivedFundMinorUnits, pledge.Receipts));
        var receipt = Assert.IsType<ReceiptEntity>(actions[1].Entity);
        Assert.Equal((1_000_000L, "EUR", 1_080_000L, "USD", "1.08"), (receipt.MinorUnits, receipt.Currency, receipt.FundMinorUnits, receipt.FundCurrency, receipt.ExchangeRate));
        Assert.Equal(ProjectionEvent.Queue, Assert.IsType<OutboxEntry>(actions[2].Entity).Queue);
        Assert.Equal(["contribution.received"], AuditedActions(actions));
    }

    [Fact]
    public async Task RecordReceipt_ThePledgeChangedMeanwhile_412()
    {
        HoldsPledge();
        doubles.Table(ContributionStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await ReceiveAsync(new { amount = new { amount = "10000.00", currency = "EUR" }, valueDate = "2026-03-01", exchangeRate = "1.08" });

        Assert.Equal(412, result.StatusCode);
    }

    [Fact]
    public async Task RecordReceipt_StaleIfMatch_412BeforeAnyWrite()
    {
        HoldsPledge();

        using var result = await ReceiveAsync(new { amount = new { amount = "10000.00", currency = "EUR" }, valueDate = "2026-03-01", exchangeRate = "1.08" }, "W/\"old\"");

        Assert.Equal(412, result.StatusCode);
    }

    [Fact]
    public async Task RecordReceipt_WithoutIfMatch_428()
    {
        using var result = await ReceiveAsync(new { amount = new { amount = "10000.00", currency = "EUR" }, valueDate = "2026-03-01", exchangeRate = "1.08" }, ifMatch: null);

        Assert.Equal(428, result.StatusCode);
    }

    [Fact]
    public async Task RecordReceipt_MoreThanStillPledgedAndAFutureDate_400NamingBothAndNothingWritten()
    {
        HoldsPledge();

        using var result = await ReceiveAsync(new { amount = new { amount = "40000.01", currency = "EUR" }, valueDate = "2026-04-01", exchangeRate = "1.08" });

        Assert.Equal(["amount.amount", "valueDate"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RecordReceipt_UnknownPledge_404()
    {
        doubles.Table(ContributionStore.Table).Finds<PledgeEntity>(PledgeId, PledgeEntity.Row, null);

        using var result = await ReceiveAsync(new { amount = new { amount = "1.00", currency = "EUR" }, valueDate = "2026-03-01", exchangeRate = "1.08" });

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task CreateDonor_Valid_AddsTheDonorWithItsAuditEntryAnd201()
    {
        var actions = doubles.Commits(DonorStore.Table);
        var function = new CreateDonor(doubles.Access, new DonorStore(doubles.TableService.Object), doubles.Audit, doubles.Time);

        using var result = await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(Secretariat, "POST", new { name = " Nordic Aid ", kind = DonorKinds.All[0], country = "NO" }), CancellationToken.None));

        Assert.Equal(201, result.StatusCode);
        var donor = Assert.IsType<DonorEntity>(actions[0].Entity);
        Assert.Equal(("Nordic Aid", "NO", Now), (donor.Name, donor.Country, donor.CreatedAt));
        Assert.Equal(["donor.created"], AuditedActions(actions));
    }

    [Fact]
    public async Task CreateDonor_NoNameUnknownKindAndBadCountry_400NamingEveryFieldAtOnce()
    {
        var function = new CreateDonor(doubles.Access, new DonorStore(doubles.TableService.Object), doubles.Audit, doubles.Time);

        using var result = await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(Secretariat, "POST", new { name = "", kind = "alien", country = "Norway" }), CancellationToken.None));

        Assert.Equal(["country", "kind", "name"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateDonor_ByADonor_403()
    {
        var function = new CreateDonor(doubles.Access, new DonorStore(doubles.TableService.Object), doubles.Audit, doubles.Time);

        using var result = await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(Donor, "POST", new { name = "Me", kind = DonorKinds.All[0] }), CancellationToken.None));

        Assert.Equal(403, result.StatusCode);
    }
}
