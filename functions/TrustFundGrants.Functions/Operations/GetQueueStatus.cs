using Azure;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Operations;

/// <summary>
/// For whoever operates the deployment (a function key, never a person's session): how much work
/// waits on each queue and how much has failed into a poison queue and needs a look.
/// </summary>
public sealed class GetQueueStatus(StorageLayout layout, QueueServiceClient queues)
{
    [Function(nameof(GetQueueStatus))]
    public async Task<Results<Ok<QueueStatusReport>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "ops/queues")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            var counts = await Task.WhenAll(layout.Queues.Select(async name =>
            {
                var properties = await queues.GetQueueClient(name).GetPropertiesAsync(cancellationToken);
                return new QueueCount(name, properties.Value.ApproximateMessagesCount, name.EndsWith("-poison", StringComparison.Ordinal));
            }));
            return TypedResults.Ok(new QueueStatusReport(counts));
        }
        catch (RequestFailedException ex)
        {
            return Problems.ServiceUnavailable($"Queue storage did not answer: {ex.ErrorCode ?? ex.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
        catch (AggregateException)
        {
            // The SDK's report that storage stayed unreachable through every retry.
            return Problems.ServiceUnavailable("Queue storage did not answer.");
        }
    }
}

public sealed record QueueStatusReport(IReadOnlyList<QueueCount> Queues);

public sealed record QueueCount(string Name, int ApproximateMessages, bool Poison);
