using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Moq;
using TrustFundGrants.Functions.Health;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Health;

public sealed class GetHealthTests
{
    [Fact]
    public async Task Run_AllServicesHealthy_OkWithThreeChecks()
    {
        var function = new GetHealth(Probe(Healthy("tables"), Healthy("blobs"), Healthy("queues")));

        var result = await function.Run(new DefaultHttpContext().Request, CancellationToken.None);

        var ok = Assert.IsType<Ok<HealthReport>>(result.Result);
        Assert.Equal(StatusCodes.Status200OK, ok.StatusCode);
        Assert.Equal("healthy", ok.Value!.Status);
        Assert.Equal(["tables", "blobs", "queues"], ok.Value.Checks.Select(c => c.Service));
        Assert.All(ok.Value.Checks, c => Assert.True(c.Healthy));
    }

    [Theory]
    [InlineData("tables")]
    [InlineData("blobs")]
    [InlineData("queues")]
    public async Task Run_OneServiceFailing_ServiceUnavailableNamingExactlyThatService(string failing)
    {
        string[] services = ["tables", "blobs", "queues"];
        var checks = services.Select(s => s == failing ? Failing(s) : Healthy(s)).ToArray();
        var function = new GetHealth(Probe(checks));

        var result = await function.Run(new DefaultHttpContext().Request, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:service-unavailable", problem.ProblemDetails.Type);
        Assert.Equal($"Storage is not answering: {failing}.", problem.ProblemDetails.Detail);
        Assert.All(services.Where(s => s != failing), s => Assert.DoesNotContain(s, problem.ProblemDetails.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TwoServicesFailing_DetailNamesBoth()
    {
        var function = new GetHealth(Probe(Failing("tables"), Healthy("blobs"), Failing("queues")));

        var result = await function.Run(new DefaultHttpContext().Request, CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("Storage is not answering: tables, queues.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Run_ServiceFailing_ProblemCarriesEveryCheck()
    {
        var checks = new[] { Healthy("tables"), Failing("blobs"), Healthy("queues") };
        var function = new GetHealth(Probe(checks));

        var result = await function.Run(new DefaultHttpContext().Request, CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, executed.StatusCode);
        Assert.Equal("application/problem+json", executed.ContentType);
        var written = executed.Root.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(["tables", "blobs", "queues"], written.Select(c => c.GetProperty("service").GetString()));
        Assert.Equal("connection refused", written[1].GetProperty("error").GetString());
        Assert.False(written[1].GetProperty("healthy").GetBoolean());
    }

    [Fact]
    public async Task Run_Always_PassesCancellationTokenToProbe()
    {
        using var cancellation = new CancellationTokenSource();
        var probe = new Mock<IStorageProbe>(MockBehavior.Strict);
        probe.Setup(p => p.CheckAsync(cancellation.Token)).ReturnsAsync([Healthy("tables"), Healthy("blobs"), Healthy("queues")]);

        await new GetHealth(probe.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        probe.VerifyAll();
    }

    private static IStorageProbe Probe(params ServiceCheck[] checks)
    {
        var probe = new Mock<IStorageProbe>(MockBehavior.Strict);
        probe.Setup(p => p.CheckAsync(It.IsAny<CancellationToken>())).ReturnsAsync(checks);
        return probe.Object;
    }

    private static ServiceCheck Healthy(string service) => new(service, true, 3, null);

    private static ServiceCheck Failing(string service) => new(service, false, 3000, "connection refused");
}
