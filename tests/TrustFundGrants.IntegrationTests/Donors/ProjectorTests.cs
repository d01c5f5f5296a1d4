using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>The dashboard projector on real queues and tables: once per event, through poison, and equal to a rebuild.</summary>
[Collection(RunnerCollection.Name)]
public sealed class ProjectorTests(RunnerFixture runner)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Event_DeliveredTwiceAndLate_LeavesTheSameTotalsAndTheRebuildAgrees()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("1000.00");
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "400.00", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("400.00");
        var replay = JsonSerializer.Serialize(new ProjectionEvent(ProjectionEvent.ContributionReceived, setup.FundId, null, DateTimeOffset.UtcNow.AddDays(-3)), Web);
        var queue = Queue(ProjectionEvent.Queue);

        await queue.SendMessageAsync(replay);
        await queue.SendMessageAsync(replay);
        await Eventually.WaitFor(() => MarkerExistsAsync(setup.FundId, replay), done => done, "the replayed event applied");
        await Eventually.WaitFor(async () => (await queue.PeekMessagesAsync(32)).Value.Length, n => n == 0, "the queue drained");

        var dashboard = await setup.DashboardAsync();
        Assert.Equal("400.00", dashboard.GetProperty("totals").GetProperty("received").GetProperty("amount").GetString());
        Assert.Equal("600.00", dashboard.GetProperty("pledgedNotReceived")[0].GetProperty("amount").GetString());
        using var rebuild = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Post, $"/api/funds/{setup.FundId}/dashboard/rebuild"));
        Assert.True((await ApplicationSetup.Json(rebuild)).GetProperty("agreed").GetBoolean());
    }

    [Fact]
    public async Task PoisonedEvent_GoesToPoisonAndTheEventsBehindItAreApplied()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var poison = $"{{\"kind\":\"grant-committed\",\"fundId\":\"{setup.FundId}\",\"grantId\":\"not-a-grant-{Guid.NewGuid():N}\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"messageId\":\"{Guid.NewGuid()}\"}}";

        await Queue(ProjectionEvent.Queue).SendMessageAsync(poison);
        var (pledge, etag) = await setup.PledgeAsync("1000.00");
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "250.00", currency = "USD" }, valueDate = "2025-02-01" })).Dispose();

        await setup.ReceivedEventuallyAsync("250.00");
        await Eventually.WaitFor(
            async () => (await Queue(ProjectionEvent.Queue + "-poison").PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToArray(),
            bodies => bodies.Contains(poison),
            "the poisoned event in projection-events-poison");
    }

    [Fact]
    public async Task Rebuild_AfterTheDashboardRowWasLost_ReportsDisagreementAndRestoresIt()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("1000.00");
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "700.00", currency = "USD" }, valueDate = "2024-06-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("700.00");
        await Table().DeleteEntityAsync(setup.FundId, ProjectionRows.Fund);

        using var byKey = new HttpRequestMessage(HttpMethod.Post, $"/api/ops/funds/{setup.FundId}/dashboard/rebuild");
        byKey.Headers.Add("x-functions-key", RunnerFixture.FunctionKey);
        using var rebuild = await Client.SendAsync(byKey);

        Assert.False((await ApplicationSetup.Json(rebuild)).GetProperty("agreed").GetBoolean());
        var dashboard = await setup.DashboardAsync(query: "?year=2024");
        Assert.Equal("700.00", dashboard.GetProperty("totals").GetProperty("received").GetProperty("amount").GetString());
        Assert.Equal("0.00", (await setup.DashboardAsync(query: "?year=2025")).GetProperty("totals").GetProperty("received").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Rebuild_WhenAnEventLandsWhileItRecomputes_ReadsAgainAndLeavesTheRecomputation()
    {
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        var (pledge, etag) = await setup.PledgeAsync("1000.00");
        (await setup.ReceiveAsync(pledge, etag, new { amount = new { amount = "300.00", currency = "USD" }, valueDate = "2025-03-01" })).Dispose();
        await setup.ReceivedEventuallyAsync("300.00");
        var services = runner.App.Services;
        var projector = services.GetRequiredService<FundProjector>();
        var late = new ProjectionEvent(ProjectionEvent.ContributionReceived, setup.FundId, null, DateTimeOffset.UtcNow);
        // The event is applied after the rebuild has read the live row and before it writes the recomputation.
        var meddling = new EventDuringListing(services.GetRequiredService<IGrantSource>(), () => projector.ApplyAsync(late, CancellationToken.None));
        var rebuilder = new ProjectionRebuilder(
            services.GetRequiredService<TableServiceClient>(), meddling, services.GetRequiredService<ContributionStore>(), projector);

        var result = await rebuilder.RebuildAsync(setup.FundId, CancellationToken.None);

        Assert.True(meddling.Listings >= 2, "the rebuild read the sources again after the conflict");
        Assert.True(result.Agreed);
        Assert.True(await MarkerExistsAsync(setup.FundId, JsonSerializer.Serialize(late, Web)));
        var dashboard = await setup.DashboardAsync();
        Assert.Equal("300.00", dashboard.GetProperty("totals").GetProperty("received").GetProperty("amount").GetString());
        Assert.Equal("700.00", dashboard.GetProperty("pledgedNotReceived")[0].GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Dashboard_UnknownFundOrBadYear_404And400()
    {
        using var unknown = await Client.GetAsync(new Uri($"/api/funds/{Guid.NewGuid()}/dashboard", UriKind.Relative));
        var setup = await DonorSetup.CreateAsync(Client, await runner.SecretariatAsync());
        using var badYear = await Client.GetAsync(new Uri($"/api/funds/{setup.FundId}/dashboard?year=twenty", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
    }

    /// <summary>The fund's grants, with an event applied to its dashboard the first time they are listed.</summary>
    private sealed class EventDuringListing(IGrantSource inner, Func<Task> applyOnce) : IGrantSource
    {
        public int Listings { get; private set; }

        public Task<GrantFacts?> FindAsync(string fundId, string grantId, CancellationToken cancellationToken) =>
            inner.FindAsync(fundId, grantId, cancellationToken);

        public async IAsyncEnumerable<GrantRecord> ListAsync(string fundId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (++Listings == 1)
            {
                await applyOnce();
            }

            await foreach (var grant in inner.ListAsync(fundId, cancellationToken))
            {
                yield return grant;
            }
        }

        public Task<Page<GrantRecord>> PageAsync(string fundId, Paging paging, CancellationToken cancellationToken) =>
            inner.PageAsync(fundId, paging, cancellationToken);
    }

    private async Task<bool> MarkerExistsAsync(string fundId, string message) =>
        await ProcessedMarker.ExistsAsync(Table(), fundId, JsonDocument.Parse(message).RootElement.GetProperty("messageId").GetString()!, CancellationToken.None);

    private TableClient Table() => new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(ProjectionRows.Table);

    private QueueClient Queue(string name) =>
        new QueueServiceClient(runner.Azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }).GetQueueClient(name);
}
