using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Health;

/// <summary>Anonymous: load balancers and the people running the fund ask it whether storage answers.</summary>
public sealed class GetHealth(IStorageProbe probe)
{
    [Function(nameof(GetHealth))]
    public async Task<Results<Ok<HealthReport>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var checks = await probe.CheckAsync(cancellationToken);
        var failing = checks.Where(c => !c.Healthy).Select(c => c.Service).ToArray();
        if (failing.Length == 0)
        {
            return TypedResults.Ok(new HealthReport("healthy", checks));
        }

        return Problems.ServiceUnavailable(
            $"Storage is not answering: {string.Join(", ", failing)}.",
            new Dictionary<string, object?> { ["checks"] = checks });
    }
}

public sealed record HealthReport(string Status, IReadOnlyList<ServiceCheck> Checks);
