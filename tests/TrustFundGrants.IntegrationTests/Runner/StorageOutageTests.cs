using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>Health and queue polling when storage is missing or goes away, with an Azurite of this class's own to kill.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private readonly string hostJson = TestHostJson.Write(maxDequeueCount: 1);

    public Task InitializeAsync() => azurite.InitializeAsync();

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        File.Delete(hostJson);
    }

    [Fact]
    public async Task Health_WithoutStorage_Returns503NamingEveryService()
    {
        var nowhere = AzuritePorts.Free();
        await using var app = Build(nowhere.ConnectionString, out var client);
        await app.StartAsync();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Storage is not answering: tables, blobs, queues.", problem.RootElement.GetProperty("detail").GetString());
        await app.StopAsync();
    }

    [Fact]
    public async Task Runner_WhenAzuriteDiesAndReturns_Reports503ThenRecoversWithoutRestart()
    {
        await using var app = Build(azurite.ConnectionString, out var client);
        await app.StartAsync();

        // Healthy first; on a loaded machine the first probes may still be warming up.
        await Eventually.WaitFor(() => StatusOf(client), s => s == HttpStatusCode.OK, "health before the outage");

        await azurite.KillAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOf(client));
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the listener meet the outage and back off

        await azurite.StartAsync();
        await Eventually.WaitFor(() => StatusOf(client), s => s == HttpStatusCode.OK, "health to recover");

        // The queue listener is polling again: a message that cannot be processed reaches the poison queue.
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var body = "{\"table\":\"none\",\"partitionKey\":\"p\",\"rowKey\":\"outbox-after-restart\"}";
        await queues.GetQueueClient("outbox").CreateIfNotExistsAsync();
        await queues.GetQueueClient("outbox").SendMessageAsync(body);
        await Eventually.WaitFor(
            async () => await queues.GetQueueClient("outbox-poison").ExistsAsync() && (await queues.GetQueueClient("outbox-poison").PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString() == body),
            found => found,
            "the listener to process a message after the restart");
        await app.StopAsync();
    }

    private static async Task<HttpStatusCode> StatusOf(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        return response.StatusCode;
    }

    private WebApplication Build(string connectionString, out HttpClient client)
    {
        var url = $"http://127.0.0.1:{AzuritePorts.FreePort()}";
        client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        return RunnerApp.Build([], new Dictionary<string, string?>
        {
            ["urls"] = url,
            ["AzureWebJobsStorage"] = connectionString,
            ["LocalRunner:HostJson"] = hostJson,
        });
    }
}
