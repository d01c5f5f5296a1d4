using TrustFundGrants.Domain;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Applications.Submission;

public sealed class ScreenApplicationTests
{
    private readonly FeatureDoubles doubles = new();
    private readonly ScreeningMessage message = new(RoundId, AppId) { MessageId = "0195a1b2-0000-7000-8000-00000000e001" };

    private Mock<TableClient> Applications => doubles.Table(ApplicationStore.Table);

    private ScreenApplication Function() =>
        new(new ApplicationStore(doubles.TableService.Object), new RoundStore(doubles.TableService.Object, doubles.Time), doubles.Outbox, doubles.Time);

    private void MarkerIs(bool present) =>
        Applications
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(RoundId, ProcessedMarker.RowKey(message.MessageId), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(present ? Found(new TableEntity(RoundId, ProcessedMarker.RowKey(message.MessageId))) : Missing<TableEntity>());

    private void ApplicationIs(ApplicationEntity? application) =>
        Applications
            .Setup(t => t.GetEntityIfExistsAsync<ApplicationEntity>(RoundId, AppId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(application is null ? Missing<ApplicationEntity>() : Found(application));

    private List<TableTransactionAction> CommitsTransaction()
    {
        var actions = new List<TableTransactionAction>();
        Applications
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> batch, CancellationToken _) => actions.AddRange(batch))
            .ReturnsAsync(Committed());
        return actions;
    }

    [Fact]
    public async Task Run_MessageAlreadyProcessed_DoesNothingMore()
    {
        MarkerIs(present: true);

        await Function().Run(message, CancellationToken.None);

        Applications.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_RegisteredOrganisation_CommitsEligibleWithMarkerAndEmailUnderTheReadETag()
    {
        MarkerIs(present: false);
        ApplicationIs(Draft(ApplicationStatus.Submitted));
        doubles.Holds(Round());
        var actions = CommitsTransaction();
        var released = doubles.Released;

        await Function().Run(message, CancellationToken.None);

        Assert.Equal(
            [TableTransactionActionType.Add, TableTransactionActionType.UpdateReplace, TableTransactionActionType.Add],
            actions.Select(a => a.ActionType));
        Assert.Equal(ProcessedMarker.RowKey(message.MessageId), actions[0].Entity.RowKey);
        var screened = Assert.IsType<ApplicationEntity>(actions[1].Entity);
        Assert.Equal(ReadETag, actions[1].ETag);
        Assert.Equal(ApplicationStatus.Eligible, screened.Status);
        Assert.Equal(string.Empty, screened.ScreeningReasons);
        Assert.Equal(Now, screened.ScreenedAt);
        var email = Assert.IsType<OutboxEntry>(actions[2].Entity);
        Assert.Equal(ApplicationEmailMessage.Queue, email.Queue);
        Assert.Contains(ApplicationEmailMessage.Kinds.Screening, email.Message, StringComparison.Ordinal);
        Assert.Contains(released, p => p.Contains(email.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_UnregisteredOrganisation_IsIneligibleWithTheQuestionAsReason()
    {
        MarkerIs(present: false);
        ApplicationIs(Draft(ApplicationStatus.Submitted, registered: false));
        doubles.Holds(Round());
        var actions = CommitsTransaction();

        await Function().Run(message, CancellationToken.None);

        var screened = Assert.IsType<ApplicationEntity>(actions[1].Entity);
        Assert.Equal(ApplicationStatus.Ineligible, screened.Status);
        Assert.Equal("Is the organisation registered? The round requires \"yes\".", screened.ScreeningReasons);
    }

    [Fact]
    public async Task Run_WithdrawnBeforeScreening_OnlyRemembersTheMessage()
    {
        MarkerIs(present: false);
        ApplicationIs(Draft(ApplicationStatus.Withdrawn));
        var actions = CommitsTransaction();

        await Function().Run(message, CancellationToken.None);

        var marker = Assert.Single(actions);
        Assert.Equal(TableTransactionActionType.Add, marker.ActionType);
        Assert.Equal(ProcessedMarker.RowKey(message.MessageId), marker.Entity.RowKey);
    }

    [Fact]
    public async Task Run_TransactionConflictsButItsEmailRowExists_ReleasesTheEmailInsteadOfFailing()
    {
        MarkerIs(present: false);
        ApplicationIs(Draft(ApplicationStatus.Submitted));
        doubles.Holds(Round());
        Applications
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(409));
        Applications
            .Setup(t => t.GetEntityIfExistsAsync<OutboxEntry>(RoundId, It.Is<string>(k => k.StartsWith(OutboxEntry.RowKeyPrefix, StringComparison.Ordinal)), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(new OutboxEntry()));
        var released = doubles.Released;

        await Function().Run(message, CancellationToken.None);

        Assert.Single(released);
    }

    [Fact]
    public async Task Run_TransactionConflictsAndNothingOfItsOwnCommitted_ThrowsForTheMessageToComeBack()
    {
        MarkerIs(present: false);
        ApplicationIs(Draft(ApplicationStatus.Submitted));
        doubles.Holds(Round());
        Applications
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(409));
        Applications
            .Setup(t => t.GetEntityIfExistsAsync<OutboxEntry>(RoundId, It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Missing<OutboxEntry>());

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => Function().Run(message, CancellationToken.None));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void Reasons_AnswerAgainstTheRequiredAnswer_OneReasonPerFailedQuestion(bool answer, int reasons)
    {
        Assert.Equal(reasons, ScreenApplication.Reasons(Round(), CompleteDetails(registered: answer)).Count);
    }

    [Fact]
    public void Reasons_QuestionLeftUnanswered_CountsAsFailed()
    {
        var details = CompleteDetails() with { EligibilityAnswers = new Dictionary<string, bool>() };

        Assert.Equal(["Is the organisation registered? The round requires \"yes\"."], ScreenApplication.Reasons(Round(), details));
    }
}
