using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Primitives;
using Moq;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Organisations.Names;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Organisations.Names;

public sealed class SearchOrganisationsTests
{
    private static readonly Caller Reviewer = new("user-rev", "rev@panel.example", "Rev", [Roles.Reviewer], null, null);
    private static readonly Caller Applicant = new("user-ngo", "ngo@example.org", "Ngo", [Roles.Applicant], "0195a1b2-0000-7000-8000-0000000000bb", null);

    private readonly FeatureDoubles doubles = new();

    [Fact]
    public async Task Run_Reviewer_ReadsTheIndexOnlyAndAnswersNameAndCountry()
    {
        doubles.Table(OrganisationNameIndex.Table)
            .Setup(t => t.QueryAsync<OrganisationNameEntity>("PartitionKey eq 'r' and RowKey ge 'refugio' and RowKey lt 'refugip'", OrganisationNameIndex.MaxRowsRead, null, CancellationToken.None))
            .Returns(AsyncPageable<OrganisationNameEntity>.FromPages([Page<OrganisationNameEntity>.FromValues(
                [new OrganisationNameEntity { PartitionKey = "r", RowKey = "refugio!casa refugio!org-1", OrganisationId = "org-1", Name = "Casa Refugio", Country = "MX" }], null, Mock.Of<Response>())]));

        using var result = await SearchAsync(Reviewer, "Refugio");

        Assert.Equal(200, result.StatusCode);
        var match = Assert.Single(result.Root.EnumerateArray());
        Assert.Equal(["country", "id", "name"], match.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Casa Refugio", match.GetProperty("name").GetString());
        doubles.Table(Functions.Organisations.OrganisationStore.Table).VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("a")]
    [InlineData("-!")]
    public async Task Run_TooShortOrNoWord_ValidationProblemNamingName(string name)
    {
        using var result = await SearchAsync(Reviewer, name);

        Assert.Equal(400, result.StatusCode);
        Assert.True(result.Root.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task Run_Applicant_Is403AndReadsNothing()
    {
        using var result = await SearchAsync(Applicant, "refugio");

        Assert.Equal(403, result.StatusCode);
        doubles.Table(OrganisationNameIndex.Table).VerifyNoOtherCalls();
    }

    private async Task<ExecutedResult> SearchAsync(Caller caller, string name)
    {
        var request = doubles.Request(caller, "GET");
        request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?name=" + Uri.EscapeDataString(name));
        return await ExecutedResult.ExecuteAsync(await new SearchOrganisations(doubles.Access, new OrganisationNameIndex(doubles.TableService.Object)).Run(request, CancellationToken.None));
    }
}
