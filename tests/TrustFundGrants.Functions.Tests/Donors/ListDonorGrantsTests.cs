using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Donors;

public class ListDonorGrantsTests
{
    private const string DonorId = "0195a1b2-0000-7000-8000-0000000000d1";
    private const string OtherDonorId = "0195a1b2-0000-7000-8000-0000000000d2";
    private const string FundId = "0195a1b2-0000-7000-8000-0000000000f1";

    private static readonly Caller Donor = new("user-donor", "ana@donor.example", "Ana", [Roles.Donor], null, DonorId);
    private static readonly Caller Secretariat = new("user-admin", "admin@fund.example", "Admin", [Roles.Secretariat], null, null);

    private readonly FeatureDoubles doubles = new();
    private readonly Mock<IGrantSource> grants = new(MockBehavior.Strict);

    [Fact]
    public async Task Run_AnotherDonorsList_404WithoutReadingAnything()
    {
        var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(Donor, "GET"), OtherDonorId, FundId, CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_AFundTheDonorNeverGaveTo_404()
    {
        Found();
        Pledges();

        var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(Donor, "GET"), DonorId, FundId, CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_EarmarkedToACountry_ListsOnlyGrantsThereWithUnnamedOrganisationsUnnamed()
    {
        Found();
        Pledges(Pledge("country", "MX", received: 100), Pledge("country", "KH", received: 0));
        grants.Setup(g => g.PageAsync(FundId, It.Is<Paging>(p => p.Limit == 25 && p.Cursor == null), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<GrantRecord>([Grant("g-mx", "MX", notNamed: true), Grant("g-kh", "KH", notNamed: false)], "next-page"));

        var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(Donor, "GET"), DonorId, FundId, CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        var item = Assert.Single(result.Root.GetProperty("items").EnumerateArray());
        Assert.Equal("g-mx", item.GetProperty("grantId").GetString());
        Assert.Equal("An organisation in Mexico", item.GetProperty("recipient").GetString());
        Assert.Equal("450.00", item.GetProperty("committed").GetProperty("amount").GetString());
        Assert.Equal("country:MX", item.GetProperty("through")[0].GetString());
        Assert.Equal("next-page", result.Root.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Run_SecretariatUnearmarked_SeesEveryGrantWithItsName()
    {
        Found();
        Pledges(Pledge(null, null, received: 100));
        grants.Setup(g => g.PageAsync(FundId, It.IsAny<Paging>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<GrantRecord>([Grant("g-mx", "MX", notNamed: true), Grant("g-kh", "KH", notNamed: false)], null));

        var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(Secretariat, "GET"), DonorId, FundId, CancellationToken.None));

        Assert.Equal(["Casa g-mx", "Casa g-kh"], result.Root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("recipient").GetString()));
    }

    private ListDonorGrants Function() => new(
        doubles.Access,
        new DonorStore(doubles.TableService.Object),
        new ContributionStore(doubles.TableService.Object),
        new FundStore(doubles.TableService.Object),
        grants.Object);

    private void Found()
    {
        doubles.Table(DonorStore.Table).Setup(t => t.GetEntityIfExistsAsync<DonorEntity>(DonorEntity.Partition, DonorId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(new DonorEntity { RowKey = DonorId, Name = "Norway", Kind = "government" }));
        doubles.Table(FundStore.Table).Setup(t => t.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, FundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(new FundEntity { RowKey = FundId, Name = "Fund", Currency = "USD" }));
    }

    private void Pledges(params PledgeEntity[] pledges) =>
        doubles.Table(ContributionStore.Table)
            .Setup(t => t.QueryAsync<PledgeEntity>(
                TableClient.CreateQueryFilter($"RowKey eq {PledgeEntity.Row} and DonorId eq {DonorId} and FundId eq {FundId}"), null, null, It.IsAny<CancellationToken>()))
            .Returns(FeatureDoubles.Pages(pledges));

    private static PledgeEntity Pledge(string? kind, string? value, long received) => new()
    {
        PartitionKey = Guid.CreateVersion7().ToString(),
        DonorId = DonorId,
        FundId = FundId,
        Currency = "USD",
        FundCurrency = "USD",
        PledgedMinorUnits = 1000,
        ReceivedMinorUnits = received,
        EarmarkKind = kind ?? string.Empty,
        EarmarkValue = value ?? string.Empty,
    };

    private static GrantRecord Grant(string id, string country, bool notNamed) => new(
        new GrantFacts(id, "round-1", [country], ["forced-labour"], [new GrantFlow(FlowKind.Commitment, 450_00, 2025)], new Dictionary<string, long>(), new Dictionary<string, long>()),
        "Safe houses",
        "Assistance.",
        new GrantRecipient("org-" + id, "Casa " + id, country, notNamed),
        "Active",
        null,
        null,
        []);
}
