namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// The deadline of the HTTP request this code runs for, if any. <see cref="RequestGuard"/> sets it; the storage
/// clients' <see cref="Storage.RequestDeadlinePolicy"/> reads it, so every storage call a request makes stops at the
/// deadline whichever cancellation token the function passed, in the LocalRunner and under the Functions host alike.
/// </summary>
public sealed record RequestDeadline(DateTimeOffset ExpiresAt, TimeProvider Time)
{
    private static readonly AsyncLocal<RequestDeadline?> Ambient = new();

    public static RequestDeadline? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public TimeSpan Remaining => ExpiresAt - Time.GetUtcNow();
}

/// <summary>A storage call refused because its request's deadline had passed. Not retried by the Azure SDK.</summary>
public sealed class RequestDeadlineExceededException(string message) : TimeoutException(message);
