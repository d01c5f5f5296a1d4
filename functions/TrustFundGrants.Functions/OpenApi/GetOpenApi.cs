using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.OpenApi;

/// <summary>
/// The API's description for client authors. The document is written by hand next to the code it
/// describes (openapi.json in this folder) and a test holds it to functions.metadata, so no route
/// goes undocumented.
/// </summary>
public sealed class GetOpenApi
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(GetOpenApi).Assembly.GetManifestResourceStream("TrustFundGrants.Functions.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("openapi.json is not embedded in the Functions assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    [Function(nameof(GetOpenApi))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        TypedResults.Bytes(Document.Value, "application/json");
}
