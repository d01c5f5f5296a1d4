using System.Net;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>Function-level routes (here the operators' queue status) open only with a key, as under the Functions host.</summary>
[Collection(RunnerCollection.Name)]
public sealed class FunctionKeyTests(RunnerFixture runner)
{
    private static readonly Uri QueueStatus = new("/api/ops/queues", UriKind.Relative);

    [Fact]
    public async Task FunctionRoute_WithoutKey_Returns401()
    {
        using var response = await runner.Client.GetAsync(QueueStatus);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithWrongKey_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, QueueStatus);
        request.Headers.Add("x-functions-key", RunnerFixture.FunctionKey + "x");

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FunctionRoute_WithKeyHeader_RunsTheFunction()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, QueueStatus);
        request.Headers.Add("x-functions-key", RunnerFixture.FunctionKey);

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"outbox-poison\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionRoute_WithKeyInCodeQuery_RunsTheFunction()
    {
        using var response = await runner.Client.GetAsync(new Uri($"/api/ops/queues?code={RunnerFixture.FunctionKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnonymousRoute_WithoutKey_RunsTheFunction()
    {
        using var response = await runner.Client.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
