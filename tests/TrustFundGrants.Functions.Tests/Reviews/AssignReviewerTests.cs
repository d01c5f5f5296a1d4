using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Organisations;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Reviews;

/// <summary>
/// Assigning one panel reviewer to one eligible application by hand, once the round has closed: never onto an
/// organisation the reviewer is tied to (a declared conflict, or membership through <see cref="ReviewerTies"/>,
/// which reads their user row), never back onto an application they stepped back from.
/// </summary>
public sealed class AssignReviewerTests
{
    private const string ReviewerEmail = "reviewer@example.org";
    private static readonly string ReviewerId = Reviewer.UserId;
    private static readonly string RowKey = AssignmentEntity.RowKeyFor(AppId, ReviewerId);

    private readonly FeatureDoubles doubles = new();

    public AssignReviewerTests() => doubles.Holds(Round(closesAt: Now.AddDays(-1)));

    private async Task<ExecutedResult> AssignAsync(Caller caller, string applicationId = AppId, string? reviewerId = null)
    {
        var stores = new ReviewStores(doubles.TableService.Object);
        var users = new UserStore(doubles.TableService.Object, doubles.Audit, doubles.Revocations, doubles.Time);
        var function = new AssignReviewer(
            doubles.Access, new RoundStore(doubles.TableService.Object, doubles.Time), new ApplicationStore(doubles.TableService.Object), stores,
            new ReviewerTies(stores, users, doubles.Audit, doubles.Time), doubles.Outbox, doubles.Audit, doubles.Time);
        var body = new { applicationId, reviewerId = reviewerId ?? ReviewerId };
        return await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(caller, "POST", body), RoundId, CancellationToken.None));
    }

    private void HoldsApplication(string status = ApplicationStatus.Eligible) =>
        doubles.Table(ApplicationStore.Table).Finds(RoundId, AppId, Draft(status));

    private void HoldsPanelMember(bool onPanel = true) =>
        doubles.Table(ReviewStores.ReviewersTable).Finds(RoundId, ReviewerId, onPanel ? new ReviewerEntity { PartitionKey = RoundId, RowKey = ReviewerId, Email = ReviewerEmail } : null);

    private void HoldsTies(string? declared = null, string? memberOf = null)
    {
        if (declared is null)
        {
            doubles.Table(ReviewStores.ConflictsTable).Lists<ConflictEntity>();
        }
        else
        {
            doubles.Table(ReviewStores.ConflictsTable).Lists(new ConflictEntity { PartitionKey = ReviewerId, RowKey = declared });
        }

        doubles.Table(UserStore.Table).Finds(EmailAddress.Key(ReviewerEmail), UserEntity.Row, new UserEntity { UserId = ReviewerId, Email = ReviewerEmail, OrganisationId = memberOf });
    }

    private void HoldsAssignment(AssignmentEntity? existing) =>
        doubles.Table(ReviewStores.AssignmentsTable).Finds(RoundId, RowKey, existing);

    [Fact]
    public async Task Run_EligibleApplicationAndAnUntiedPanelMember_AddsTheAssignmentWithItsAuditEntryAnd201()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies(declared: "0195a1b2-0000-7000-8000-00000000c009");
        HoldsAssignment(null);
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(201, result.StatusCode);
        Assert.Equal(TableTransactionActionType.Add, actions[0].ActionType);
        var assignment = Assert.IsType<AssignmentEntity>(actions[0].Entity);
        Assert.Equal((RowKey, OrganisationId, Now), (assignment.RowKey, assignment.OrganisationId, assignment.AssignedAt));
        Assert.Equal(["assignment.added"], AuditedActions(actions));
    }

    [Fact]
    public async Task Run_ReviewerIsAMemberOfTheApplicantWithoutDeclaringIt_409AndNothingWritten()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies(memberOf: OrganisationId);

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("conflict of interest", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DeclaredConflictWithTheApplicant_409()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies(declared: OrganisationId);

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Run_UnknownApplicationAndSomeoneOffThePanel_400NamingBothAtOnce()
    {
        HoldsPanelMember(onPanel: false);

        using var result = await AssignAsync(Secretariat, applicationId: "not-an-id");

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["applicationId", "reviewerId"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ApplicationNotEligible_409()
    {
        HoldsApplication(ApplicationStatus.Ineligible);
        HoldsPanelMember();

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Run_RoundStillOpen_409BeforeAnyApplicationIsRead()
    {
        doubles.Holds(Round(closesAt: Now.AddDays(1)));

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        doubles.Table(ApplicationStore.Table).VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_AlreadyAssigned_200WithTheSameAssignmentAndNothingWritten()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies();
        HoldsAssignment(new AssignmentEntity { PartitionKey = RoundId, RowKey = RowKey, ApplicationId = AppId, ReviewerId = ReviewerId, ETag = ReadETag });

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("Assigned", result.Root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_TheReviewerSteppedBack_409()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies();
        HoldsAssignment(new AssignmentEntity { PartitionKey = RoundId, RowKey = RowKey, ApplicationId = AppId, ReviewerId = ReviewerId, Recused = true, ETag = ReadETag });

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Contains("stepped back", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TakenOffByTheSecretariat_ReinstatedUnderItsReadETag()
    {
        HoldsApplication();
        HoldsPanelMember();
        HoldsTies();
        HoldsAssignment(new AssignmentEntity { PartitionKey = RoundId, RowKey = RowKey, ApplicationId = AppId, ReviewerId = ReviewerId, Recused = true, Removed = true, ETag = ReadETag });
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);

        using var result = await AssignAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal((TableTransactionActionType.UpdateReplace, ReadETag), (actions[0].ActionType, actions[0].ETag));
        var assignment = Assert.IsType<AssignmentEntity>(actions[0].Entity);
        Assert.False(assignment.Recused || assignment.Removed);
        Assert.Equal(["assignment.reinstated"], AuditedActions(actions));
    }

    [Fact]
    public async Task Run_ByAReviewer_403()
    {
        using var result = await AssignAsync(Reviewer);

        Assert.Equal(403, result.StatusCode);
    }
}
