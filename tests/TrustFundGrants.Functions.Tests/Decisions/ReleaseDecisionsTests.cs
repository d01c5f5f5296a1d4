using System.Text.Json;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Decisions;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Decisions;

/// <summary>
/// Releasing a round's held decisions: each application takes its outcome as its status, under the ETag it was
/// read with, with its decision email (and, for an approval, its grant) owed in the same transaction.
/// </summary>
public sealed class ReleaseDecisionsTests
{
    private const string OtherId = "0195a1b2-0000-7000-8000-00000000b002";

    private readonly FeatureDoubles doubles = new();

    private async Task<ExecutedResult> ReleaseAsync(Caller caller)
    {
        var function = new ReleaseDecisions(doubles.Access, new RoundStore(doubles.TableService.Object, doubles.Time), new ApplicationStore(doubles.TableService.Object), doubles.Outbox, doubles.Audit);
        return await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(caller), RoundId, CancellationToken.None));
    }

    private static ApplicationEntity Decided(string id, string outcome)
    {
        var application = Draft(ApplicationStatus.Eligible);
        (application.RowKey, application.DecisionOutcome, application.ApprovedMinor) = (id, outcome, outcome == DecisionOutcome.Approved ? 4_000_000 : null);
        return application;
    }

    private void HoldsDecided(params ApplicationEntity[] held) =>
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.QueryAsync<ApplicationEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(Pages(held));

    [Fact]
    public async Task Run_ApprovalAndRejection_EachCommitsItsStatusEmailAndAuditUnderItsReadETagAndTheApprovalOwesItsGrant()
    {
        doubles.Holds(Round());
        HoldsDecided(Decided(AppId, DecisionOutcome.Approved), Decided(OtherId, DecisionOutcome.Rejected));
        var batches = new List<List<TableTransactionAction>>();
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> batch, CancellationToken _) =>
            {
                List<TableTransactionAction> list = [.. batch];
                if (!doubles.IsRelease(ApplicationStore.Table, list))
                {
                    batches.Add(list);
                }
            })
            .ReturnsAsync(Committed());
        var pointers = doubles.Released;

        using var result = await ReleaseAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal((2, 0), (result.Root.GetProperty("released").GetInt32(), result.Root.GetProperty("stillHeld").GetInt32()));
        Assert.Equal(2, batches.Count);
        var approved = batches[0];
        Assert.Equal((TableTransactionActionType.UpdateReplace, ReadETag), (approved[0].ActionType, approved[0].ETag));
        Assert.Equal((ApplicationStatus.Approved, true), (Assert.IsType<ApplicationEntity>(approved[0].Entity).Status, ((ApplicationEntity)approved[0].Entity).DecisionReleased));
        Assert.Equal([ApplicationEmailMessage.Queue, GrantCreationMessage.Queue, AuditMessage.Queue], approved.Skip(1).Select(a => Assert.IsType<OutboxEntry>(a.Entity).Queue));
        var grant = JsonDocument.Parse(((OutboxEntry)approved[2].Entity).Message).RootElement;
        Assert.Equal(AppId, grant.GetProperty("applicationId").GetString());
        var rejected = batches[1];
        Assert.Equal(ApplicationStatus.Rejected, Assert.IsType<ApplicationEntity>(rejected[0].Entity).Status);
        Assert.Equal([ApplicationEmailMessage.Queue, AuditMessage.Queue], rejected.Skip(1).Select(a => Assert.IsType<OutboxEntry>(a.Entity).Queue));
        Assert.Equal(["decision.released"], AuditedActions(rejected));
        Assert.Equal(5, pointers.Count);
    }

    [Fact]
    public async Task Run_OneChangedMeanwhile_SkipsItLeavingItHeldAndReleasesTheRest()
    {
        var changes = 0;
        doubles.Holds(Round());
        HoldsDecided(Decided(AppId, DecisionOutcome.Waitlisted), Decided(OtherId, DecisionOutcome.Rejected));
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<TableTransactionAction> batch, CancellationToken _) =>
                doubles.IsRelease(ApplicationStore.Table, [.. batch]) || ++changes > 1 ? Task.FromResult(Committed()) : throw TransactionFailed(412));
        var pointers = doubles.Released;

        using var result = await ReleaseAsync(Secretariat);

        Assert.Equal((1, 1), (result.Root.GetProperty("released").GetInt32(), result.Root.GetProperty("stillHeld").GetInt32()));
        Assert.Equal(2, pointers.Count);
    }

    [Fact]
    public async Task Run_NothingHeld_ReleasesNothing()
    {
        doubles.Holds(Round());
        HoldsDecided();

        using var result = await ReleaseAsync(Secretariat);

        Assert.Equal((0, 0), (result.Root.GetProperty("released").GetInt32(), result.Root.GetProperty("stillHeld").GetInt32()));
    }

    [Fact]
    public async Task Run_UnknownRound_404()
    {
        doubles.Table(RoundStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, RoundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Missing<RoundEntity>());

        using var result = await ReleaseAsync(Secretariat);

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Run_ByAnApplicant_403()
    {
        using var result = await ReleaseAsync(Applicant);

        Assert.Equal(403, result.StatusCode);
    }
}
