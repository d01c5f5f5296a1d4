using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Bytes the process allocated while the runner handled a matched request, from the middleware's first
/// line to its last (the function, the session check, the response written; not the client reading it).
/// The count is process-wide, since an async request moves between threads; scenarios that use it send
/// one request at a time, so the runner's idle queue polling is the only other allocation it includes.
/// </summary>
internal sealed class RunnerAllocations
{
    private readonly ConcurrentDictionary<string, long> last = new(StringComparer.Ordinal);

    /// <summary>The latest matched request's allocations under <paramref name="label"/>; 0 if none yet.</summary>
    public long Last(string label) => last.GetValueOrDefault(label);

    /// <summary>Wraps every request <paramref name="label"/> accepts (returns a label) in the count.</summary>
    public void Map(WebApplication app, Func<HttpRequest, string?> label) => app.Use(async (context, next) =>
    {
        if (label(context.Request) is not { } name)
        {
            await next(context);
            return;
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        try
        {
            await next(context);
        }
        finally
        {
            last[name] = GC.GetTotalAllocatedBytes(precise: true) - before;
        }
    });
}
