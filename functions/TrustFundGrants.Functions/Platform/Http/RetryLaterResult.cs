using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>A 503 problem with the <c>Retry-After</c> header RFC 9110 asks for, in whole seconds.</summary>
public sealed class RetryLaterResult(IResult problem, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status503ServiceUnavailable;

    public IResult Problem => problem;

    public int RetryAfterSeconds { get; } = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
