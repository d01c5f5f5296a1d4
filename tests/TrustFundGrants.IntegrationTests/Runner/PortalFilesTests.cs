using System.Net;
using System.Net.Http.Headers;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>The portal's static files through the runner: compressed, cached and revalidated by ETag.</summary>
[Collection(RunnerCollection.Name)]
public sealed class PortalFilesTests(RunnerFixture runner)
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task StaticFile_AcceptingCompression_IsCompressedAndRevalidatable(string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/shared/site.css");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.NotNull(response.Headers.ETag);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < new FileInfo(Path.Combine(Repo.Root, "web", "shared", "site.css")).Length / 2);
    }

    [Fact]
    public async Task StaticFile_WithItsETag_Answers304WithoutBody()
    {
        using var first = await runner.Client.GetAsync(new Uri("/applicant/application.js", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/applicant/application.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await runner.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ApiResponse_AcceptingCompression_IsNotCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
