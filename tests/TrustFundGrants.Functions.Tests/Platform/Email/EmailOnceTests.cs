using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Email;

public sealed class EmailOnceTests
{
    private const string Partition = "round-1";

    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);
    private readonly Mock<TableClient> table = new(MockBehavior.Strict);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly TestWork message = new();

    public EmailOnceTests()
    {
        table.Setup(t => t.AddEntityAsync(It.Is<TableEntity>(e => e.RowKey == ProcessedMarker.RowKey(message.MessageId)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());
    }

    [Fact]
    public async Task SendAsync_ComposeFails_ReleasesTheClaimAndRethrowsSoTheMessageIsRetriedThenPoisoned()
    {
        ExpectRelease();

        await Assert.ThrowsAsync<FormatException>(() =>
            Once().SendAsync(table.Object, Partition, "application-emails", message, _ => throw new FormatException("Unknown kind."), CancellationToken.None));

        table.Verify(t => t.DeleteEntityAsync(Partition, ProcessedMarker.RowKey(message.MessageId), ETag.All, CancellationToken.None), Times.Once);
    }

    [Fact]
    public async Task SendAsync_SendGridRefuses_ReleasesTheClaimAndRethrows()
    {
        ExpectRelease();
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new EmailNotSentException("SendGrid answered 500"));

        await Assert.ThrowsAsync<EmailNotSentException>(() =>
            Once().SendAsync(table.Object, Partition, "application-emails", message, Compose, CancellationToken.None));

        table.Verify(t => t.DeleteEntityAsync(Partition, ProcessedMarker.RowKey(message.MessageId), ETag.All, CancellationToken.None), Times.Once);
    }

    [Fact]
    public async Task SendAsync_Sent_CarriesTheQueueMessagesIdAndIsMarkedSentEvenWhenTheDeliveryIsBeingCancelled()
    {
        using var shutdown = new CancellationTokenSource();
        email.Setup(e => e.SendAsync(It.Is<EmailMessage>(m => m.MessageId == message.MessageId), It.IsAny<CancellationToken>()))
            .Callback(shutdown.Cancel)
            .Returns(Task.CompletedTask);
        table.Setup(t => t.UpdateEntityAsync(It.Is<TableEntity>(e => e.GetString("State") == "sent"), ETag.All, TableUpdateMode.Replace, CancellationToken.None))
            .ReturnsAsync(Mock.Of<Response>());

        await Once().SendAsync(table.Object, Partition, "application-emails", message, Compose, shutdown.Token);

        table.Verify(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), ETag.All, TableUpdateMode.Replace, CancellationToken.None), Times.Once);
    }

    private static Task<EmailMessage?> Compose(CancellationToken cancellationToken) =>
        Task.FromResult<EmailMessage?>(new EmailMessage("ngo@example.org", "Application received", "We received it."));

    private void ExpectRelease() =>
        table.Setup(t => t.DeleteEntityAsync(Partition, ProcessedMarker.RowKey(message.MessageId), ETag.All, CancellationToken.None))
            .ReturnsAsync(Mock.Of<Response>());

    private EmailOnce Once() => new(email.Object, queues.Object, Microsoft.Extensions.Options.Options.Create(new EmailOptions()), time);

    private sealed record TestWork : WorkMessage;
}
