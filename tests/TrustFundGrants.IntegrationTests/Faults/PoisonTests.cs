using System.Net;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Faults;

/// <summary>
/// A message that can never be processed ends in its queue's poison queue within maxDequeueCount tries, whatever
/// path it fails on, with no email claim held and no row written for ids that do not exist.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class PoisonTests(FaultFixture faults)
{
    public static TheoryData<string> Queues => [ScreeningMessage.Queue, ApplicationEmailMessage.Queue, ReviewerReminderMessage.Queue, StorageLayout.OutboxQueue, AuditMessage.Queue];

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Message_GarbageJson_IsPoisonedWithinMaxDequeueCount(string queue)
    {
        var body = $"{{\"roundId\": \"{Guid.NewGuid()}\", this is not json";

        await Queue(queue).SendMessageAsync(body);

        await PoisonedAsync(queue, body);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Message_NotBase64_IsPoisonedAtOnceWithItsRawText(string queue)
    {
        var raw = $"not base64 {Guid.NewGuid():N} %%%";

        await Queue(queue, QueueMessageEncoding.None).SendMessageAsync(raw);

        await PoisonedAsync(queue, raw, encoded: false);
    }

    [Fact]
    public async Task ScreeningMessage_UnknownIds_IsPoisonedAndLeavesNoRow()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ScreeningMessage(roundId, Guid.CreateVersion7().ToString()));

        await Queue(ScreeningMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ScreeningMessage.Queue, body);
        Assert.Empty(await RowsAsync(ApplicationStore.Table, roundId));
    }

    [Fact]
    public async Task ApplicationEmail_UnknownIds_IsPoisonedWithItsClaimReleased()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ApplicationEmailMessage(roundId, Guid.CreateVersion7().ToString(), ApplicationEmailMessage.Kinds.Acknowledgement));

        await Queue(ApplicationEmailMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ApplicationEmailMessage.Queue, body);
        Assert.Empty(await RowsAsync(ApplicationStore.Table, roundId));
    }

    [Fact]
    public async Task ApplicationEmail_UnknownKind_IsPoisonedWithItsClaimReleasedAndNoEmail()
    {
        var (roundId, applicationId, email) = await SubmittedAsync();
        var before = await Eventually.WaitFor(
            async () => (await SignIn.MailsToAsync(faults.Client, email)).Select(m => m.GetProperty("subject").GetString()!).ToArray(),
            subjects => subjects.Any(s => s.StartsWith("Application received", StringComparison.Ordinal)) && subjects.Any(s => s.StartsWith("Eligible", StringComparison.Ordinal)),
            "the acknowledgement and the screening result");
        var message = new ApplicationEmailMessage(roundId, applicationId, "congratulations");

        await Queue(ApplicationEmailMessage.Queue).SendMessageAsync(Json(message));

        await PoisonedAsync(ApplicationEmailMessage.Queue, Json(message));
        var claim = await Table(ApplicationStore.Table).GetEntityIfExistsAsync<TableEntity>(roundId, ProcessedMarker.RowKey(message.MessageId));
        Assert.False(claim.HasValue, "the claim was released, not left 'sending' to defer the message for ever");
        Assert.Equal(before.Length, (await SignIn.MailsToAsync(faults.Client, email)).Length);
    }

    [Fact]
    public async Task ReviewerReminder_UnknownRound_IsPoisonedAndLeavesNoRow()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ReviewerReminderMessage(roundId, Guid.CreateVersion7().ToString(), "2026-12-01"));

        await Queue(ReviewerReminderMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ReviewerReminderMessage.Queue, body);
        Assert.Empty(await RowsAsync(ReminderStore.Table, roundId));
    }

    [Fact]
    public async Task OutboxPointer_ToATableWithoutAnOutbox_IsPoisoned()
    {
        var body = $"{{\"table\":\"not-an-outbox-table\",\"partitionKey\":\"p\",\"rowKey\":\"outbox-{Guid.NewGuid():N}\"}}";

        await Queue(StorageLayout.OutboxQueue).SendMessageAsync(body);

        await PoisonedAsync(StorageLayout.OutboxQueue, body);
    }

    [Fact]
    public async Task AuditMessage_WithoutItsMessageId_IsPoisoned()
    {
        var body = $"{{\"target\":\"application:{Guid.NewGuid()}\",\"action\":\"application.submitted\"}}";

        await Queue(AuditMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(AuditMessage.Queue, body);
    }

    private async Task PoisonedAsync(string queue, string body, bool encoded = true)
    {
        var stored = encoded ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;

        // maxDequeueCount tries, 200 ms apart, plus polling: seconds. A message deferred again and again would not come.
        var poisoned = await Eventually.WaitFor(
            () => PeekAllAsync(queue + "-poison"), messages => messages.Contains(stored), $"the message in {queue}-poison", TimeSpan.FromSeconds(20));
        Assert.Single(poisoned, m => m == stored);
        await Eventually.WaitFor(() => CountAsync(queue, stored), n => n == 0, $"the message to leave {queue}", TimeSpan.FromSeconds(5));
    }

    private async Task<int> CountAsync(string queue, string stored) => (await PeekAllAsync(queue)).Count(m => m == stored);

    private async Task<List<string>> PeekAllAsync(string queue)
    {
        var raw = Queue(queue, QueueMessageEncoding.None);
        if (!await raw.ExistsAsync())
        {
            return [];
        }

        PeekedMessage[] messages = await raw.PeekMessagesAsync(32);
        return messages.Select(m => m.Body.ToString()).ToList();
    }

    private async Task<List<TableEntity>> RowsAsync(string table, string partitionKey)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<(string RoundId, string ApplicationId, string Email)> SubmittedAsync()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(faults.Client, await faults.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var submitted = await faults.Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        using var me = await faults.Client.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
        return (setup.RoundId, id, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!);
    }

    private QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(faults.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    private TableClient Table(string name) => new TableServiceClient(faults.StorageConnectionString).GetTableClient(name);

    private static string Json<T>(T message) => System.Text.Json.JsonSerializer.Serialize(message, System.Text.Json.JsonSerializerOptions.Web);
}
