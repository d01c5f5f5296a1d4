using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Every change to a resource that others may change too requires If-Match: without it, a client
/// that never read the current version could overwrite someone's work.
/// </summary>
public static class Preconditions
{
    /// <summary>
    /// The ETag the client last read, or the 428 problem to answer with. <c>If-Match: *</c> ("whatever is
    /// there now") is refused too: every change here depends on what the client saw.
    /// </summary>
    public static ProblemHttpResult? RequireIfMatch(HttpRequest request, out ETag etag)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        etag = new ETag(ifMatch);
        return ifMatch.Length > 0 && ifMatch != "*"
            ? null
            : Problems.Problem(
                StatusCodes.Status428PreconditionRequired,
                "precondition-required",
                "Send If-Match.",
                "Send the ETag you read in an If-Match header (not *), so a change made meanwhile is not overwritten.");
    }
}
