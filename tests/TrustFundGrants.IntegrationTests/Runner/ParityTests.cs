using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Runner;

[Collection(RunnerCollection.Name)]
public sealed class ParityTests(RunnerFixture runner)
{
    private static readonly IReadOnlyList<FunctionMetadata> Metadata =
        FunctionMetadata.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));

    [Fact]
    public void Metadata_FromTheWorkerSdk_ListsTheAppsFunctions()
    {
        Assert.Contains(Metadata, f => f.Name == "GetHealth");
        Assert.Contains(Metadata, f => f.Name == "DispatchOutbox");
        Assert.Contains(Metadata, f => f.Name == "SweepOutbox");
    }

    [Fact]
    public void ServedFunctions_EveryFunctionInMetadata_IsServedOnItsTrigger()
    {
        var served = runner.App.Services.GetRequiredService<ServedFunctions>().All.ToDictionary(f => f.Name);

        Assert.Equal(Metadata.Select(f => f.Name).Order(), served.Keys.Order());
        foreach (var function in Metadata)
        {
            var expected = function.Trigger.Type.Replace("Trigger", string.Empty, StringComparison.OrdinalIgnoreCase).ToLowerInvariant();
            Assert.Equal(expected, served[function.Name].Trigger);
        }
    }

    [Fact]
    public async Task Health_ThroughKestrel_AnswersJsonFromTheFunction()
    {
        using var response = await runner.Client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["blobs", "queues", "tables"], body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("service").GetString()).Order());
    }

    [Fact]
    public async Task Route_WithAMethodTheFunctionDoesNotDeclare_Returns405()
    {
        using var response = await runner.Client.DeleteAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryHttpFunctionWithItsMethods()
    {
        using var response = await runner.Client.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        var http = Metadata.Where(f => f.Trigger.Type == "httpTrigger").ToArray();
        Assert.NotEmpty(http);
        foreach (var function in http)
        {
            var route = "/" + function.Trigger.Get("route");
            Assert.True(paths.TryGetProperty(route, out var path), $"openapi.json has no path {route} for {function.Name}");
            foreach (var method in function.Trigger.GetList("methods"))
            {
                Assert.True(path.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{route} does not document {method}");
                Assert.Equal(function.Name, operation.GetProperty("operationId").GetString());
            }
        }

        string[] methods = ["get", "put", "post", "delete", "patch", "head", "options"];
        var documented = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Count(o => methods.Contains(o.Name));
        Assert.Equal(http.Sum(f => f.Trigger.GetList("methods").Count), documented);
    }
}
