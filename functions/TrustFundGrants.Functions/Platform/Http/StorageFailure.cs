using System.Net.Sockets;
using Azure;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Tells storage being unavailable (refused, reset, timed out, overloaded) from everything else. Those failures are
/// the platform's, not the request's or the code's: the client is told to come back (503), and one log line says so.
/// A 4xx from storage (404, 409, 412) is the app's own business and never counts.
/// </summary>
public static class StorageFailure
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 500 or 502 or 503 or 504 || Inner(failed),
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsUnavailable),
        HttpRequestException or SocketException or IOException or TimeoutException => true,

        // The Azure SDK's per-try network timeout surfaces as a cancellation nobody asked for.
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>The first line of the innermost message: enough to tell one outage from another in a log.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var innermost = exception;
        while (innermost.InnerException is { } inner)
        {
            innermost = inner;
        }

        return $"{innermost.GetType().Name}: {innermost.Message.Split('\n')[0].Trim()}";
    }

    private static bool Inner(Exception exception) => exception.InnerException is { } inner && IsUnavailable(inner);
}
