using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>
/// What a client receives from an <see cref="IResult"/>: the ASP.NET Core integration executes the
/// result against the response, so tests do the same rather than inspecting the result object.
/// </summary>
internal sealed class ExecutedResult : IDisposable
{
    private ExecutedResult(int statusCode, string? contentType, JsonDocument body)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
    }

    public int StatusCode { get; }

    public string? ContentType { get; }

    public JsonDocument Body { get; }

    public JsonElement Root => Body.RootElement;

    public IReadOnlyList<string> ErrorKeys =>
        Root.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(p => p.Name).ToArray()
            : [];

    public string[] ErrorsFor(string field) =>
        Root.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public static async Task<ExecutedResult> ExecuteAsync(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return new ExecutedResult(context.Response.StatusCode, context.Response.ContentType, JsonDocument.Parse(body.Length == 0 ? "null"u8.ToArray() : body.ToArray()));
    }

    public void Dispose() => Body.Dispose();
}
