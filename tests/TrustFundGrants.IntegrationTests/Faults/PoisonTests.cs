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
    /// <summary>
    /// One failing try: a few storage calls, well under a second on a quiet machine, seconds on two cores at load 20.
    /// </summary>
    private static readonly TimeSpan TryUnderLoad = TimeSpan.FromSeconds(8);

    /// <summary>Each of maxDequeueCount tries waits out the retry visibility and, at worst, one idle poll before it runs.</summary>
    private static readonly TimeSpan PoisonedWithin =
        FaultFixture.MaxDequeueCount * (FaultFixture.RetryVisibility + FaultFixture.MaxPollingInterval + TryUnderLoad);

    public static TheoryData<string> Queues => [ScreeningMessage.Queue, ApplicationEmailMessage.Queue, ReviewerReminderMessage.Queue, StorageLayout.OutboxQueue, AuditMessage.Queue];

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Message_GarbageJson_IsPoisonedWithinMaxDequeueCount(string queue)
    {
        var body = $"{{\"roundId\": \"{Guid.NewGuid()}\", this is not json";

        var sent = await Queue(queue).SendMessageAsync(body);

        await PoisonedAsync(queue, body, sent.Value.MessageId);
    }

    [Theory]
    [MemberData(nameof(Queues))]
    public async Task Message_NotBase64_IsPoisonedAtOnceWithItsRawText(string queue)
    {
        var raw = $"not base64 {Guid.NewGuid():N} %%%";

        var sent = await Queue(queue, QueueMessageEncoding.None).SendMessageAsync(raw);

        await PoisonedAsync(queue, raw, sent.Value.MessageId, encoded: false);
    }

    [Fact]
    public async Task ScreeningMessage_UnknownIds_IsPoisonedAndLeavesNoRow()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ScreeningMessage(roundId, Guid.CreateVersion7().ToString()));

        var sent = await Queue(ScreeningMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ScreeningMessage.Queue, body, sent.Value.MessageId);
        Assert.Empty(await RowsAsync(ApplicationStore.Table, roundId));
    }

    [Fact]
    public async Task ApplicationEmail_UnknownIds_IsPoisonedWithItsClaimReleased()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ApplicationEmailMessage(roundId, Guid.CreateVersion7().ToString(), ApplicationEmailMessage.Kinds.Acknowledgement));

        var sent = await Queue(ApplicationEmailMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ApplicationEmailMessage.Queue, body, sent.Value.MessageId);
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

        var sent = await Queue(ApplicationEmailMessage.Queue).SendMessageAsync(Json(message));

        await PoisonedAsync(ApplicationEmailMessage.Queue, Json(message), sent.Value.MessageId);
        var claim = await Table(ApplicationStore.Table).GetEntityIfExistsAsync<TableEntity>(roundId, ProcessedMarker.RowKey(message.MessageId));
        Assert.False(claim.HasValue, "the claim was released, not left 'sending' to defer the message for ever");
        Assert.Equal(before.Length, (await SignIn.MailsToAsync(faults.Client, email)).Length);
    }

    [Fact]
    public async Task ReviewerReminder_UnknownRound_IsPoisonedAndLeavesNoRow()
    {
        var roundId = Guid.CreateVersion7().ToString();
        var body = Json(new ReviewerReminderMessage(roundId, Guid.CreateVersion7().ToString(), "2026-12-01"));

        var sent = await Queue(ReviewerReminderMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(ReviewerReminderMessage.Queue, body, sent.Value.MessageId);
        Assert.Empty(await RowsAsync(ReminderStore.Table, roundId));
    }

    [Fact]
    public async Task OutboxPointer_ToATableWithoutAnOutbox_IsPoisoned()
    {
        var body = $"{{\"table\":\"not-an-outbox-table\",\"partitionKey\":\"p\",\"rowKey\":\"outbox-{Guid.NewGuid():N}\"}}";

        var sent = await Queue(StorageLayout.OutboxQueue).SendMessageAsync(body);

        await PoisonedAsync(StorageLayout.OutboxQueue, body, sent.Value.MessageId);
    }

    [Fact]
    public async Task AuditMessage_WithoutItsMessageId_IsPoisoned()
    {
        var body = $"{{\"target\":\"application:{Guid.NewGuid()}\",\"action\":\"application.submitted\"}}";

        var sent = await Queue(AuditMessage.Queue).SendMessageAsync(body);

        await PoisonedAsync(AuditMessage.Queue, body, sent.Value.MessageId);
    }

    /// <summary>
    /// Waits for the message to reach its poison queue, and checks it got there from the message sent, after
    /// maxDequeueCount tries (or at once when it cannot be decoded). A message deferred instead (sent again under a new
    /// id) would never pass, however long the wait: what the time bound holds is only that the tries came back to back.
    /// </summary>
    private async Task PoisonedAsync(string queue, string body, string messageId, bool encoded = true)
    {
        var stored = encoded ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;

        var poisoned = await Eventually.WaitFor(
            () => PeekAllAsync(queue + "-poison"), messages => messages.Contains(stored), $"the message in {queue}-poison", PoisonedWithin);
        Assert.Single(poisoned, m => m == stored);
        var how = encoded ? $" {FaultFixture.MaxDequeueCount} times; moved to {queue}-poison" : $"not base64 as host.json requires; moved to {queue}-poison";
        Assert.Contains(faults.LogLines, l => l.Contains(messageId, StringComparison.Ordinal) && l.Contains(how, StringComparison.Ordinal));
        await Eventually.WaitFor(() => CountAsync(queue, stored), n => n == 0, $"the message to leave {queue}", TryUnderLoad);
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

    /// <summary>Set-up, before any poison message: a fresh round and NGO each time it is started over.</summary>
    private async Task<(string RoundId, string ApplicationId, string Email)> SubmittedAsync()
    {
        var secretariat = await faults.SecretariatAsync();
        return await faults.SetUpAsync(async () =>
        {
            var setup = await ApplicationSetup.OpenRoundAsync(faults.SetupClient, secretariat);
            var ngo = await setup.NgoAsync();
            var id = await setup.ReadyAsync(ngo);
            using var submitted = await faults.SetupClient.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            using var me = await faults.SetupClient.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
            return (setup.RoundId, id, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!);
        });
    }

    private QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        new(faults.StorageConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    private TableClient Table(string name) => new TableServiceClient(faults.StorageConnectionString).GetTableClient(name);

    private static string Json<T>(T message) => System.Text.Json.JsonSerializer.Serialize(message, System.Text.Json.JsonSerializerOptions.Web);
}
