using Azure.Core;
using Azure.Core.Pipeline;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Platform.Storage;

/// <summary>
/// Bounds each try of a storage call by what is left of its HTTP request's deadline (<see cref="RequestDeadline"/>),
/// and refuses a try once nothing is left. Added per retry, so the SDK's own retries stop at the deadline too.
/// Calls made outside a request (queue and timer functions) are left to the clients' own timeouts.
/// </summary>
internal sealed class RequestDeadlinePolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Bound(message);
        return ProcessNextAsync(message, pipeline);
    }

    private static void Bound(HttpMessage message)
    {
        if (RequestDeadline.Current is not { } deadline)
        {
            return;
        }

        var remaining = deadline.Remaining;
        if (remaining <= TimeSpan.Zero)
        {
            throw new RequestDeadlineExceededException("The request's deadline passed before this storage call could be made.");
        }

        if (message.NetworkTimeout is not { } timeout || timeout > remaining)
        {
            message.NetworkTimeout = remaining;
        }
    }
}
