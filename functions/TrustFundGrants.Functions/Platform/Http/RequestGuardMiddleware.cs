using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// <see cref="RequestGuard"/> under the Functions host, registered in Program.cs. The LocalRunner runs no worker
/// middleware and calls the guard itself, so both hosts answer failures alike. Here the function's own token is
/// the host's, so the deadline reaches storage through <see cref="RequestDeadline"/> (which this sets for the
/// invocation) and the answer through the result the ASP.NET Core integration writes.
/// </summary>
public sealed class RequestGuardMiddleware(RequestGuard guard) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var result = await guard.RunAsync(http, context.FunctionDefinition.Name, async _ =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = result;
    }
}
