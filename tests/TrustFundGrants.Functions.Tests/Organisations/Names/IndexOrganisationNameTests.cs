using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Organisations.Names;

namespace TrustFundGrants.Functions.Tests.Organisations.Names;

public sealed class IndexOrganisationNameTests
{
    private const string OrgId = "0195a1b2-0000-7000-8000-0000000000aa";

    [Fact]
    public async Task Run_UnknownOrganisation_ThrowsSoTheMessageIsPoisoned()
    {
        var tables = new Mock<TableServiceClient>(MockBehavior.Strict);
        var organisations = new Mock<TableClient>(MockBehavior.Strict);
        tables.Setup(t => t.GetTableClient(OrganisationStore.Table)).Returns(organisations.Object);
        var missing = new Mock<NullableResponse<OrganisationEntity>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        organisations.Setup(t => t.GetEntityIfExistsAsync<OrganisationEntity>(OrgId, OrganisationEntity.Row, null, CancellationToken.None)).ReturnsAsync(missing.Object);

        var function = new IndexOrganisationName(new OrganisationStore(tables.Object), new OrganisationNameIndex(tables.Object));

        await Assert.ThrowsAsync<InvalidOperationException>(() => function.Run(new OrganisationNameMessage(OrgId), CancellationToken.None));
    }
}
