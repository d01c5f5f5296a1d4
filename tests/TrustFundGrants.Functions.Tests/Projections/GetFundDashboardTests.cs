using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Projections;

public class GetFundDashboardTests
{
    private static readonly string FundId = Guid.CreateVersion7().ToString();

    private readonly FeatureDoubles doubles = new();

    private GetFundDashboard Function() => new(
        doubles.Access,
        new FundStore(doubles.TableService.Object),
        new FundProjector(doubles.TableService.Object, new Mock<IGrantSource>(MockBehavior.Strict).Object, new ContributionStore(doubles.TableService.Object), doubles.Time),
        new DisclosureControl(Options.Create(new DisclosureOptions())));

    [Fact]
    public async Task Run_Anonymous_ReadsTheFundAndItsDashboardRowOnceEach()
    {
        var projection = FundProjection.Recompute(
            [new GrantFacts(Guid.CreateVersion7().ToString(), "r", ["KH"], ["forced-labour"], [new GrantFlow(FlowKind.Commitment, 4_000_000, 2026)], new Dictionary<string, long>(), new Dictionary<string, long>())],
            []);
        var funds = doubles.Table(FundStore.Table);
        funds.Setup(t => t.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, FundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(new FundEntity { RowKey = FundId, Name = "Fund", Currency = "USD" }));
        var projections = doubles.Table(ProjectionRows.Table);
        projections.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(FundId, ProjectionRows.Fund, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(ProjectionRows.WithJson(FundId, ProjectionRows.Fund, projection.ToJson())));

        using var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(null, "GET"), FundId, CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("40000.00", result.Root.GetProperty("totals").GetProperty("committed").GetProperty("amount").GetString());
        Assert.True(result.Root.GetProperty("suppressed").GetBoolean());
        funds.Verify(t => t.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, FundId, null, It.IsAny<CancellationToken>()), Times.Once);
        projections.Verify(t => t.GetEntityIfExistsAsync<TableEntity>(FundId, ProjectionRows.Fund, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_UnknownFund_Returns404()
    {
        doubles.Table(FundStore.Table).Setup(t => t.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, FundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Missing<FundEntity>());
        doubles.Table(ProjectionRows.Table).Setup(t => t.GetEntityIfExistsAsync<TableEntity>(FundId, ProjectionRows.Fund, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Missing<TableEntity>());

        using var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(null, "GET"), FundId, CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
    }

    [Theory]
    [InlineData("fund")]
    [InlineData("a/b")]
    public async Task Run_IdNotAGuid_Returns404WithoutReadingStorage(string id)
    {
        // The strict table doubles have no setups: any read would fail the test.
        using var result = await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(null, "GET"), id, CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
    }
}
