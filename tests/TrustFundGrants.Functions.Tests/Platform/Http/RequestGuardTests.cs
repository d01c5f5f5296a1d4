using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

public sealed class RequestGuardTests
{
    private static readonly RequestGuardOptions Settings = new() { RequestDeadline = TimeSpan.FromSeconds(10), RetryAfter = TimeSpan.FromSeconds(5) };

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<RequestGuard> logger = new();

    [Fact]
    public async Task RunAsync_FunctionSucceeds_ItsResultUnchanged()
    {
        var ok = TypedResults.Ok();

        var result = await Guard().RunAsync(Context(), "GetFund", _ => Task.FromResult<object?>(ok));

        Assert.Same(ok, result);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task RunAsync_StorageRefusesConnections_503WithRetryAfterAndOneLogLineNamingTheTraceId()
    {
        var context = Context();

        var result = await Guard().RunAsync(context, "GetFund", _ => throw new RequestFailedException(0, "Connection refused", new HttpRequestException("refused", new SocketException())));

        var (status, retryAfter, problem) = await ExecuteAsync(result, context);
        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
        Assert.Equal("urn:trustfundgrants:problem:service-unavailable", problem.GetProperty("type").GetString());
        var traceId = problem.GetProperty("traceId").GetString()!;
        var (level, message) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, level);
        Assert.Contains(traceId, message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DeadlinePasses_503AndTheFunctionsTokenIsCancelled()
    {
        var cancelled = new TaskCompletionSource();
        var running = Guard().RunAsync(Context(), "ListFunds", async token =>
        {
            token.Register(cancelled.SetResult);
            await Task.Delay(Timeout.Infinite, token);
            return null;
        });

        time.Advance(Settings.RequestDeadline);
        var result = await running;

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var (status, _, problem) = await ExecuteAsync(result);
        Assert.Equal(503, status);
        Assert.Contains("10 seconds", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DuringTheRequest_StorageCallsSeeItsDeadline()
    {
        RequestDeadline? seen = null;

        await Guard().RunAsync(Context(), "GetFund", _ =>
        {
            seen = RequestDeadline.Current;
            return Task.FromResult<object?>(null);
        });

        Assert.Equal(time.GetUtcNow() + Settings.RequestDeadline, seen?.ExpiresAt);
        Assert.Null(RequestDeadline.Current);
    }

    [Fact]
    public async Task RunAsync_StorageAnswers412_NotAnOutage_500()
    {
        var result = await Guard().RunAsync(Context(), "UpdateRound", _ => throw new RequestFailedException(412, "Precondition failed"));

        var (status, retryAfter, problem) = await ExecuteAsync(result);
        Assert.Equal(500, status);
        Assert.Null(retryAfter);
        Assert.Equal("urn:trustfundgrants:problem:internal", problem.GetProperty("type").GetString());
        Assert.Equal(LogLevel.Error, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public async Task RunAsync_FunctionsOwn503_GetsRetryAfter()
    {
        var unavailable = Problems.ServiceUnavailable("Storage is not answering: tables.");

        var result = await Guard().RunAsync(Context(), "GetHealth", _ => Task.FromResult<object?>(unavailable));

        var (status, retryAfter, _) = await ExecuteAsync(result);
        Assert.Equal(503, status);
        Assert.Equal("5", retryAfter);
    }

    [Fact]
    public async Task RunAsync_ClientWentAway_NothingToAnswerAndNothingLogged()
    {
        using var aborted = new CancellationTokenSource();
        var context = Context();
        context.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        var result = await Guard().RunAsync(context, "GetFund", token => Task.FromCanceled<object?>(token));

        Assert.Null(result);
        Assert.Empty(logger.Entries);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    public void IsUnavailable_StorageStatus_OnlyOutagesCount(int status, bool unavailable) =>
        Assert.Equal(unavailable, StorageFailure.IsUnavailable(new RequestFailedException(status, "storage")));

    [Fact]
    public void IsUnavailable_RetriesExhaustedOnRefusedConnections_Counts() =>
        Assert.True(StorageFailure.IsUnavailable(new AggregateException(new RequestFailedException(0, "x", new IOException()), new HttpRequestException())));

    [Fact]
    public void IsUnavailable_ABug_DoesNotCount() =>
        Assert.False(StorageFailure.IsUnavailable(new InvalidOperationException("a bug")));

    private RequestGuard Guard() => new(Options.Create(Settings), time, logger);

    private static DefaultHttpContext Context() => new() { TraceIdentifier = "trace-" + Guid.NewGuid().ToString("N")[..8] };

    private static async Task<(int Status, string? RetryAfter, JsonElement Problem)> ExecuteAsync(object? result, DefaultHttpContext? context = null)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        using var body = new MemoryStream();
        context ??= new DefaultHttpContext();
        context.RequestServices = services;
        context.Response.Body = body;
        await Assert.IsAssignableFrom<IResult>(result).ExecuteAsync(context);
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        return (context.Response.StatusCode, retryAfter.Length == 0 ? null : retryAfter, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }
}
