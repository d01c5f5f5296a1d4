using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Reviews;

public sealed class AssignReviewerTests
{
    private static readonly string ReviewerId = Reviewer.UserId;
    private static readonly string RowKey = AssignmentEntity.RowKeyFor(AppId, ReviewerId);

    private readonly FeatureDoubles doubles = new();

    private Mock<TableClient> Assignments => doubles.Table(ReviewStores.AssignmentsTable);

    private AssignReviewer Function() => new(
        doubles.Access,
        new RoundStore(doubles.TableService.Object, doubles.Time),
        new ApplicationStore(doubles.TableService.Object),
        new ReviewStores(doubles.TableService.Object),
        doubles.Audit,
        doubles.Time);

    private async Task<ExecutedResult> AssignAsync(Caller caller, string applicationId = AppId, string? reviewerId = null) =>
        await ExecutedResult.ExecuteAsync(await Function().Run(
            doubles.Request(caller, "POST", new { applicationId, reviewerId = reviewerId ?? ReviewerId }), RoundId, CancellationToken.None));

    private void Closed() => doubles.Holds(Round(closesAt: Now.AddDays(-1)));

    private void ApplicationIs(string status)
    {
        var application = Draft(status);
        application.Reference = "TFG-2026-REF";
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<ApplicationEntity>(RoundId, AppId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(application));
    }

    private void OnThePanel() =>
        doubles.Table(ReviewStores.ReviewersTable)
            .Setup(t => t.GetEntityIfExistsAsync<ReviewerEntity>(RoundId, ReviewerId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(new ReviewerEntity { PartitionKey = RoundId, RowKey = ReviewerId }));

    private void ConflictDeclared(bool declared) =>
        doubles.Table(ReviewStores.ConflictsTable)
            .Setup(t => t.GetEntityIfExistsAsync<ConflictEntity>(ReviewerId, OrganisationId, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(declared ? Found(new ConflictEntity { PartitionKey = ReviewerId, RowKey = OrganisationId }) : Missing<ConflictEntity>());

    private void Stored(AssignmentEntity? assignment) =>
        Assignments
            .Setup(t => t.GetEntityIfExistsAsync<AssignmentEntity>(RoundId, RowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(assignment is null ? Missing<AssignmentEntity>() : Found(assignment));

    private static AssignmentEntity Existing(bool recused, bool removed) => new()
    {
        PartitionKey = RoundId,
        RowKey = RowKey,
        ApplicationId = AppId,
        ReviewerId = ReviewerId,
        OrganisationId = OrganisationId,
        Recused = recused,
        Removed = removed,
        ETag = ReadETag,
    };

    /// <summary>Eligible, on the panel, no conflict, and no assignment yet: what every later branch starts from.</summary>
    private void Assignable(AssignmentEntity? existing = null)
    {
        Closed();
        ApplicationIs(ApplicationStatus.Eligible);
        OnThePanel();
        ConflictDeclared(false);
        Stored(existing);
    }

    [Fact]
    public async Task Run_Applicant_Is403()
    {
        using var result = await AssignAsync(Applicant);

        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task Run_UnknownRound_Is404()
    {
        doubles.Table(RoundStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, RoundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Missing<RoundEntity>());

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_RoundStillOpen_Is409()
    {
        doubles.Holds(Round());

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("once the round has closed", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IdsThatAreNoGuids_Is400NamingBothWithoutReading()
    {
        Closed();

        using var result = await AssignAsync(Secretariat, applicationId: "../x", reviewerId: "nobody");

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["applicationId", "reviewerId"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ApplicationNotEligible_Is409()
    {
        Closed();
        ApplicationIs(ApplicationStatus.Ineligible);
        OnThePanel();

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("Ineligible", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReviewerDeclaredAConflict_Is409AndAssignsNothing()
    {
        Closed();
        ApplicationIs(ApplicationStatus.Eligible);
        OnThePanel();
        ConflictDeclared(true);

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("conflict of interest", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NewPair_AddsTheAssignmentAndAuditsIt()
    {
        Assignable();
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);
        doubles.ReleasesPointers();

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(201, result.StatusCode);
        Assert.Equal(TableTransactionActionType.Add, actions[0].ActionType);
        var added = Assert.IsType<AssignmentEntity>(actions[0].Entity);
        Assert.Equal((RoundId, RowKey, OrganisationId, "TFG-2026-REF", Now), (added.PartitionKey, added.RowKey, added.OrganisationId, added.Reference, added.AssignedAt));
        Assert.Equal(["assignment.added"], AuditedActions(actions));
    }

    [Fact]
    public async Task Run_AddedMeanwhileByAnotherRun_AnswersTheStoredAssignment()
    {
        Assignable();
        Assignments
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(409));
        Assignments
            .Setup(t => t.GetEntityAsync<AssignmentEntity>(RoundId, RowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(Existing(recused: false, removed: false), Mock.Of<Response>()));

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task Run_AlreadyAssigned_Is200AndWritesNothing()
    {
        Assignable(Existing(recused: false, removed: false));

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
    }

    [Fact]
    public async Task Run_ReviewerSteppedBack_Is409()
    {
        Assignable(Existing(recused: true, removed: false));

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("stepped back", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TakenOffBefore_IsReinstatedUnderTheReadETagAndAudited()
    {
        Assignable(Existing(recused: true, removed: true));
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);
        doubles.ReleasesPointers();

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(TableTransactionActionType.UpdateReplace, actions[0].ActionType);
        Assert.Equal(ReadETag, actions[0].ETag);
        var reinstated = Assert.IsType<AssignmentEntity>(actions[0].Entity);
        Assert.False(reinstated.Recused || reinstated.Removed);
        Assert.Equal(["assignment.reinstated"], AuditedActions(actions));
    }

    [Fact]
    public async Task Run_ReinstatementLosesARace_Is412AndAuditsNothing()
    {
        Assignable(Existing(recused: true, removed: true));
        Assignments
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(412, result.StatusCode);
    }
}
