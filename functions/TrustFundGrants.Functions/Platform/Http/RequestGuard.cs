using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// What every HTTP function gets around it, in both hosts: an overall deadline (its token cancels the function's
/// work, and <see cref="RequestDeadline"/> stops its storage calls), storage unavailability and the deadline
/// answered 503 with <c>Retry-After</c>, any other failure answered 500, and each failure logged once, on one line
/// when it is an outage, with the trace id the client gets in the problem. The LocalRunner calls it around each
/// invocation; under the Functions host <see cref="RequestGuardMiddleware"/> does.
/// </summary>
public sealed partial class RequestGuard(IOptions<RequestGuardOptions> options, TimeProvider time, ILogger<RequestGuard> logger)
{
    /// <summary>
    /// Runs <paramref name="invoke"/> (given the token to pass on) and returns its result, or the problem to answer
    /// instead; null when the client went away and nothing is left to answer.
    /// </summary>
    public async Task<object?> RunAsync(HttpContext context, string function, Func<CancellationToken, Task<object?>> invoke)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(invoke);
        var settings = options.Value;
        using var deadline = new CancellationTokenSource(settings.RequestDeadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, context.RequestAborted);

        // Set inside this async method, so it flows into the invocation and is gone again when this returns.
        RequestDeadline.Current = new RequestDeadline(time.GetUtcNow() + settings.RequestDeadline, time);
        try
        {
            // WaitAsync: the answer goes out at the deadline even if the function ignores its token.
            var result = await invoke(linked.Token).WaitAsync(linked.Token);

            // A function's own 503 (health naming the service that is down) says when to come back too.
            return result is IResult answer and not RetryLaterResult && StatusOf(answer) == StatusCodes.Status503ServiceUnavailable
                ? new RetryLaterResult(answer, settings.RetryAfter)
                : result;
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex) when (deadline.IsCancellationRequested || StorageFailure.IsUnavailable(ex))
        {
            var traceId = TraceId(context);
            var timedOut = deadline.IsCancellationRequested || ex is RequestDeadlineExceededException;
            LogUnavailable(logger, function, timedOut ? "deadline passed" : "storage unavailable", StorageFailure.Reason(ex), traceId);
            var detail = timedOut
                ? $"The request did not finish within {settings.RequestDeadline.TotalSeconds:0.#} seconds, because storage is slow or not answering. Try again shortly."
                : "Storage is not answering just now. Try again shortly.";
            return new RetryLaterResult(Problems.ServiceUnavailable(detail, Trace(traceId)), settings.RetryAfter);
        }
        catch (Exception ex)
        {
            var traceId = TraceId(context);
            LogFailed(logger, ex, function, traceId);
            return Problems.Problem(
                StatusCodes.Status500InternalServerError,
                "internal",
                "Something went wrong.",
                "The request failed on the server. It has been logged.",
                Trace(traceId));
        }
    }

    /// <summary>The id ASP.NET Core's own problem details use, so a client's report finds the log line.</summary>
    public static string TraceId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current?.Id ?? context.TraceIdentifier;
    }

    private static int? StatusOf(IResult result) => result switch
    {
        IStatusCodeHttpResult status => status.StatusCode,
        INestedHttpResult nested => StatusOf(nested.Result),
        _ => null,
    };

    private static Dictionary<string, object?> Trace(string traceId) => new() { ["traceId"] = traceId };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} answered 503 ({Cause}: {Reason}); trace {TraceId}")]
    private static partial void LogUnavailable(ILogger logger, string function, string cause, string reason, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed; trace {TraceId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string traceId);
}
