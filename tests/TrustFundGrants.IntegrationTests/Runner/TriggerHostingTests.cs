using Azure.Storage.Queues;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>Timer schedules, graceful shutdown and start-up refusals, with test functions served from their own metadata.</summary>
[Collection(RunnerCollection.Name)]
public sealed class TriggerHostingTests(RunnerFixture runner)
{
    [Fact]
    public async Task TimerTrigger_EverySecond_RunsOnItsSchedule()
    {
        var metadata = TestMetadata.Write(TestMetadata.Function("Tick", nameof(TestFunctions.Tick),
            new { name = "timer", direction = "In", type = "timerTrigger", schedule = "*/1 * * * * *" }));
        await using var app = RunnerApp.Build([], Settings(metadata));
        TestFunctions.Ticks.Clear();

        await app.StartAsync();
        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Ticks.Count), n => n >= 2, "two ticks", TimeSpan.FromSeconds(10));
        await app.StopAsync();

        var ticks = TestFunctions.Ticks.ToArray();
        // Measured at invocation on a shared 2-core machine, where a start can be a few hundred ms late: a second
        // run of the same occurrence shows as ~0 ms and a skipped occurrence as ~2,000 ms, both outside the range.
        Assert.InRange((ticks[1] - ticks[0]).TotalMilliseconds, 500, 1900);
    }

    [Fact]
    public async Task Shutdown_WhileAMessageIsInFlight_LetsItFinishAndDeletesIt()
    {
        var queueName = "slow-" + Guid.NewGuid().ToString("N")[..8];
        var metadata = TestMetadata.Write(TestMetadata.Function("Slow", nameof(TestFunctions.Slow),
            new { name = "message", direction = "In", type = "queueTrigger", dataType = "String", queueName }));
        var queue = new QueueClient(runner.Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        var body = Guid.NewGuid().ToString("N");
        await using var app = RunnerApp.Build([], Settings(metadata));
        await app.StartAsync();

        await queue.SendMessageAsync(body);
        await Eventually.WaitFor(() => Task.FromResult(TestFunctions.Started.ContainsKey(body)), s => s, "the slow function to start");
        await app.StopAsync();

        Assert.True(TestFunctions.Finished.ContainsKey(body), "the in-flight message was cut off instead of finishing");
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Theory]
    [InlineData("blobTrigger", null)]
    [InlineData("queueTrigger", "queue")]
    public void Build_FunctionWithABindingTheRunnerLacks_StopsStartUpNamingTheFunction(string trigger, string? output)
    {
        var bindings = new List<object> { new { name = "message", direction = "In", type = trigger, queueName = "q", path = "c/{name}" } };
        if (output is not null)
        {
            bindings.Add(new { name = "$return", direction = "Out", type = output, queueName = "elsewhere" });
        }

        var metadata = TestMetadata.Write(TestMetadata.Function("NeedsMore", nameof(TestFunctions.Slow), [.. bindings]));

        var error = Assert.Throws<UnsupportedFunctionException>(() => RunnerApp.Build([], Settings(metadata)));

        Assert.Equal("NeedsMore", error.Function);
        Assert.Contains("'NeedsMore'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FunctionWithAParameterTheRunnerCannotBind_StopsStartUpNamingTheFunction()
    {
        var metadata = TestMetadata.Write(TestMetadata.Function("WrongShape", nameof(TestFunctions.Tick),
            new { name = "message", direction = "In", type = "queueTrigger", queueName = "q" }));

        var error = Assert.Throws<UnsupportedFunctionException>(() => RunnerApp.Build([], Settings(metadata)));

        Assert.Equal("WrongShape", error.Function);
    }

    private Dictionary<string, string?> Settings(string metadata) => new()
    {
        ["urls"] = $"http://127.0.0.1:{AzuritePorts.FreePort()}",
        ["AzureWebJobsStorage"] = runner.Azurite.ConnectionString,
        ["LocalRunner:FunctionsMetadata"] = metadata,
        ["LocalRunner:HostJson"] = runner.HostJson,
    };
}
