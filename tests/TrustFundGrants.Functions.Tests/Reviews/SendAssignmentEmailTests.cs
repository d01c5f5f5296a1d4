using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Moq;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Reviews;

/// <summary>Issue 13.8: the one email of a run lists what the run gave the reviewer, in their language, and nothing when nothing is left.</summary>
public sealed class SendAssignmentEmailTests
{
    private const string RoundId = "0195a1b2-0000-7000-8000-0000000000a1";
    private const string ReviewerId = "0195a1b2-0000-7000-8000-0000000000b1";
    private const string Reviewer = "rev@example.org";

    private readonly FeatureDoubles doubles = new();
    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly AssignmentEmailMessage message = new(RoundId, "run-1", ReviewerId);

    public SendAssignmentEmailTests()
    {
        var claims = doubles.Table(ReminderStore.Table);
        claims.Setup(t => t.AddEntityAsync(It.Is<TableEntity>(e => e.PartitionKey == RoundId && e.RowKey == ProcessedMarker.RowKey(message.MessageId)), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<Response>());
        claims.Setup(t => t.UpdateEntityAsync(It.Is<TableEntity>(e => e.GetString("State") == "sent"), ETag.All, TableUpdateMode.Replace, CancellationToken.None))
            .ReturnsAsync(Mock.Of<Response>());
    }

    [Fact]
    public async Task Run_RunGaveTwoApplications_OneEmailInTheReviewersLanguageListingBoth()
    {
        PanelHas(reviewer: true);
        RunGave(new AssignmentEntity { Reference = "TF-2", ApplicationTitle = "Legal aid" }, new AssignmentEntity { Reference = "TF-1", ApplicationTitle = "Shelter" });
        Round();
        EmailMessage? sent = null;
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback((EmailMessage m, CancellationToken _) => sent = m)
            .Returns(Task.CompletedTask);

        await Function(("rev@example.org", "es")).Run(message, CancellationToken.None);

        Assert.NotNull(sent);
        Assert.Equal(Reviewer, sent.To);
        Assert.Equal(message.MessageId, sent.MessageId);
        Assert.Equal("Solicitudes para evaluar en «Call 2027»: 2", sent.Subject);
        Assert.Contains("- TF-1: Shelter\n- TF-2: Legal aid", sent.Text, StringComparison.Ordinal);
        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_EveryAssignmentOfTheRunWithdrawnMeanwhile_SendsNothing()
    {
        PanelHas(reviewer: true);
        RunGave();

        await Function().Run(message, CancellationToken.None);

        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_ReviewerNoLongerOnThePanel_SendsNothingAndReadsNoAssignments()
    {
        PanelHas(reviewer: false);

        await Function().Run(message, CancellationToken.None);

        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        doubles.Table(ReviewStores.AssignmentsTable).VerifyNoOtherCalls();
    }

    private SendAssignmentEmail Function(params (string Email, string Language)[] languages) => new(
        new RoundStore(doubles.TableService.Object, doubles.Time),
        new ReviewStores(doubles.TableService.Object),
        doubles.TableService.Object,
        LanguageDoubles.Stored(languages),
        new EmailOnce(email.Object, doubles.QueueService.Object, Options.Create(new EmailOptions()), doubles.Time),
        Options.Create(new AuthOptions { PortalBaseUrl = new Uri("https://grants.example.org") }));

    private void PanelHas(bool reviewer) =>
        doubles.Table(ReviewStores.ReviewersTable)
            .Setup(t => t.GetEntityIfExistsAsync<ReviewerEntity>(RoundId, ReviewerId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(reviewer
                ? FeatureDoubles.Found(new ReviewerEntity { PartitionKey = RoundId, RowKey = ReviewerId, Email = Reviewer })
                : FeatureDoubles.Missing<ReviewerEntity>());

    private void RunGave(params AssignmentEntity[] given) =>
        doubles.Table(ReviewStores.AssignmentsTable)
            .Setup(t => t.QueryAsync<AssignmentEntity>(
                It.Is<string>(f => f.Contains("run-1", StringComparison.Ordinal) && f.Contains(ReviewerId, StringComparison.Ordinal) && f.Contains("Recused eq false", StringComparison.Ordinal)),
                null,
                It.IsAny<IEnumerable<string>>(),
                It.IsAny<CancellationToken>()))
            .Returns(FeatureDoubles.Pages(given));

    private void Round() =>
        doubles.Table(RoundStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, RoundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(new RoundEntity { RowKey = RoundId, Title = "Call 2027", TimeZone = "UTC" }));
}
