using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Exports;

/// <summary>An export written straight into the response body, so a file of any size is never held in memory whole.</summary>
public sealed class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        await write(httpContext.Response.Body, httpContext.RequestAborted);
    }
}
