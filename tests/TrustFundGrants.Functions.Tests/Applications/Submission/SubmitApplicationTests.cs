using TrustFundGrants.Domain;
using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Applications.Submission;

public sealed class SubmitApplicationTests
{
    private readonly FeatureDoubles doubles = new();

    private SubmitApplication Function()
    {
        var applications = new ApplicationStore(doubles.TableService.Object);
        return new SubmitApplication(
            doubles.Access, applications, new DocumentStore(applications), new RoundStore(doubles.TableService.Object, doubles.Time), doubles.Outbox, doubles.Audit, doubles.Time);
    }

    private async Task<ExecutedResult> SubmitAsync(Caller? caller) =>
        await ExecutedResult.ExecuteAsync(await Function().Run(doubles.Request(caller), AppId, CancellationToken.None));

    /// <summary>Captures the one transaction the submission commits.</summary>
    private List<TableTransactionAction> CommitsTransaction() => doubles.Commits(ApplicationStore.Table);

    [Fact]
    public async Task Run_NoSession_Is401AndTouchesNoStorage()
    {
        using var result = await SubmitAsync(null);

        Assert.Equal(401, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:unauthenticated", result.Root.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Run_ReviewerRole_Is403()
    {
        using var result = await SubmitAsync(Reviewer);

        Assert.Equal(403, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:forbidden", result.Root.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Run_AnotherOrganisationsApplication_Is404AndWritesNothing()
    {
        doubles.Holds(Draft());

        using var result = await SubmitAsync(OtherApplicant);

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_UnknownId_Is404()
    {
        doubles.Table(ApplicationStore.KeyTable)
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(AppId, "key", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Missing<TableEntity>());

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_Withdrawn_Is409()
    {
        doubles.Holds(Draft(ApplicationStatus.Withdrawn));

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("withdrawn", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AlreadySubmitted_Is202WithTheSameReceiptAndStartsNoWork()
    {
        var submitted = Draft(ApplicationStatus.Submitted);
        submitted.Reference = "TFG-2026-0000000000B1";
        doubles.Holds(submitted);

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal("TFG-2026-0000000000B1", result.Root.GetProperty("reference").GetString());
    }

    [Fact]
    public async Task Run_AfterTheDeadline_Is409NamingItInTheRoundsTimeZone()
    {
        doubles.Holds(Draft());
        doubles.Holds(Round(closesAt: Now.AddMinutes(-1)));

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("03:59 America/Mexico_City", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DocumentMissing_Is400NamingItAndWritesNothing()
    {
        doubles.Holds(Draft());
        doubles.Holds(Round());
        doubles.HoldsDocuments();

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["documents.budget"], result.ErrorKeys);
    }

    [Fact]
    public async Task Run_CompleteDraft_CommitsStatusScreeningAcknowledgementAndAuditInOneTransactionUnderTheReadETag()
    {
        doubles.Holds(Draft());
        doubles.Holds(Round());
        doubles.HoldsDocuments(Budget());
        var actions = CommitsTransaction();
        var released = doubles.Released;

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(4, actions.Count);
        var update = actions[0];
        Assert.Equal(TableTransactionActionType.UpdateReplace, update.ActionType);
        Assert.Equal(ReadETag, update.ETag);
        var application = Assert.IsType<ApplicationEntity>(update.Entity);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal(Now, application.SubmittedAt);
        Assert.Equal("ngo@example.org", application.SubmittedByEmail);
        Assert.Equal("TFG-2026-" + AppId[^12..].ToUpperInvariant(), application.Reference);
        var staged = actions.Skip(1).Select(a => Assert.IsType<OutboxEntry>(a.Entity)).ToList();
        Assert.All(actions.Skip(1), a => Assert.Equal(TableTransactionActionType.Add, a.ActionType));
        Assert.Equal([ScreeningMessage.Queue, ApplicationEmailMessage.Queue, AuditMessage.Queue], staged.Select(e => e.Queue));
        Assert.All(staged, e => Assert.Equal(RoundId, e.PartitionKey));
        Assert.Equal(3, released.Count);
        Assert.All(staged, e => Assert.Contains(released, p => p.Contains(e.RowKey, StringComparison.Ordinal)));
        Assert.Equal(["application.submitted"], AuditedActions(actions));
        Assert.Contains("\"target\":\"application:" + AppId + "\"", staged[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ChangedBetweenReadAndCommit_ReadsAgainAndAnswersFromTheNewState()
    {
        var draft = Draft();
        var submittedMeanwhile = Draft(ApplicationStatus.Submitted);
        submittedMeanwhile.Reference = "TFG-2026-FROMOTHERTAB";
        doubles.Holds(Round());
        doubles.HoldsDocuments(Budget());
        doubles.Table(ApplicationStore.KeyTable)
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(AppId, "key", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(new TableEntity(AppId, "key") { ["RoundId"] = RoundId }));
        doubles.Table(ApplicationStore.Table)
            .SetupSequence(t => t.GetEntityIfExistsAsync<ApplicationEntity>(RoundId, AppId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(draft))
            .ReturnsAsync(Found(submittedMeanwhile));
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal("TFG-2026-FROMOTHERTAB", result.Root.GetProperty("reference").GetString());
        doubles.Table(ApplicationStore.Table).Verify(
            t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_EveryCommitLosesTheRace_Is412AfterThreeTries()
    {
        doubles.Holds(Draft());
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<ApplicationEntity>(RoundId, AppId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Found(Draft()));
        doubles.Holds(Round());
        doubles.HoldsDocuments(Budget());
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await SubmitAsync(Applicant);

        Assert.Equal(412, result.StatusCode);
        doubles.Table(ApplicationStore.Table).Verify(
            t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }
}
