using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustFundGrants.Functions.OpenApi;

namespace TrustFundGrants.Functions.Tests.OpenApi;

public sealed class GetOpenApiTests
{
    [Fact]
    public void Run_Always_EmbeddedDocumentAsJson()
    {
        var result = Assert.IsType<FileContentHttpResult>(new GetOpenApi().Run(new DefaultHttpContext().Request));

        Assert.Equal("application/json", result.ContentType);
        using var document = JsonDocument.Parse(result.FileContents);
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/openapi.json")]
    [InlineData("/ops/queues")]
    public void Run_Always_DescribesPlatformRoute(string route)
    {
        var result = Assert.IsType<FileContentHttpResult>(new GetOpenApi().Run(new DefaultHttpContext().Request));

        using var document = JsonDocument.Parse(result.FileContents);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty(route, out _), $"{route} is not described.");
    }
}
