using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Decisions;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Concurrency;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Decisions;

/// <summary>
/// A held decision on an eligible application: approvals stop at the round's envelope, kept by the round's ledger
/// row committed with the decision under both ETags; a decision that leaves the approved total alone never writes
/// the ledger.
/// </summary>
public sealed class DecideApplicationTests
{
    private readonly FeatureDoubles doubles = new();

    private async Task<ExecutedResult> DecideAsync(Caller caller, object body)
    {
        var applications = new ApplicationStore(doubles.TableService.Object);
        var function = new DecideApplication(
            doubles.Access, applications, new RoundStore(doubles.TableService.Object, doubles.Time), doubles.Audit, new ConflictRetry(doubles.Time), doubles.Time);
        return await ExecutedResult.ExecuteAsync(await function.Run(doubles.Request(caller, "POST", body), AppId, CancellationToken.None));
    }

    private void HoldsLedger(long? approvedMinor)
    {
        var ledger = approvedMinor is { } minor ? Found(new RoundLedger { PartitionKey = RoundId, ApprovedMinor = minor, ETag = new Azure.ETag("W/\"ledger\"") }) : Missing<RoundLedger>();
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<RoundLedger>(RoundId, RoundLedger.Row, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ledger);
    }

    private static object Approve(string amount) => new { outcome = "approved", rationale = "Strong panel scores", approvedAmount = new { amount, currency = "USD" } };

    [Fact]
    public async Task Run_FirstApprovalInTheRound_CommitsTheDecisionAndANewLedgerUnderTheReadETagAndAudits()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());
        HoldsLedger(null);
        var actions = doubles.Commits(ApplicationStore.Table);

        using var result = await DecideAsync(Secretariat, Approve("40000.00"));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(("approved", "40000.00", false), (result.Root.GetProperty("outcome").GetString(), result.Root.GetProperty("approvedAmount").GetProperty("amount").GetString(), result.Root.GetProperty("released").GetBoolean()));
        Assert.Equal(3, actions.Count);
        Assert.Equal((TableTransactionActionType.UpdateReplace, ReadETag), (actions[0].ActionType, actions[0].ETag));
        var application = Assert.IsType<ApplicationEntity>(actions[0].Entity);
        Assert.Equal(("approved", (long?)4_000_000, ApplicationStatus.Eligible), (application.DecisionOutcome, application.ApprovedMinor, application.Status));
        Assert.Equal(TableTransactionActionType.Add, actions[1].ActionType);
        Assert.Equal(4_000_000, Assert.IsType<RoundLedger>(actions[1].Entity).ApprovedMinor);
        Assert.Equal(["decision.recorded"], AuditedActions(actions));
    }

    [Fact]
    public async Task Run_ApprovalWithALedgerAlreadyThere_ReplacesItUnderItsETag()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());
        HoldsLedger(10_000_000);
        var actions = doubles.Commits(ApplicationStore.Table);

        using var result = await DecideAsync(Secretariat, Approve("45000.00"));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal((TableTransactionActionType.UpdateReplace, new Azure.ETag("W/\"ledger\"")), (actions[1].ActionType, actions[1].ETag));
        Assert.Equal(14_500_000, Assert.IsType<RoundLedger>(actions[1].Entity).ApprovedMinor);
    }

    [Fact]
    public async Task Run_ApprovalBeyondTheEnvelope_409EnvelopeExceededWithTheRemainderAndNothingCommitted()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());
        HoldsLedger(48_000_000);

        using var result = await DecideAsync(Secretariat, Approve("45000.00"));

        Assert.Equal(409, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:envelope-exceeded", result.Root.GetProperty("type").GetString());
        Assert.Equal("20000.00", result.Root.GetProperty("remaining").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Run_RejectingWhatWasNeverApproved_CommitsWithoutTouchingTheLedger()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());
        HoldsLedger(48_000_000);
        var actions = doubles.Commits(ApplicationStore.Table);

        using var result = await DecideAsync(Secretariat, new { outcome = "rejected", rationale = "Outside the call's scope" });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, actions.Count);
        Assert.DoesNotContain(actions, a => a.Entity is RoundLedger);
        Assert.Null(Assert.IsType<ApplicationEntity>(actions[0].Entity).ApprovedMinor);
    }

    [Fact]
    public async Task Run_UnknownOutcomeAndNoRationale_400NamingBothAndNothingCommitted()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());

        using var result = await DecideAsync(Secretariat, new { outcome = "maybe", rationale = " " });

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["outcome", "rationale"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ApprovingMoreThanRequested_400NamingTheAmount()
    {
        doubles.Holds(Draft(ApplicationStatus.Eligible));
        doubles.Holds(Round());

        using var result = await DecideAsync(Secretariat, Approve("45000.01"));

        Assert.Equal(["approvedAmount.amount"], result.ErrorKeys);
    }

    [Fact]
    public async Task Run_NotYetScreened_409()
    {
        doubles.Holds(Draft(ApplicationStatus.Submitted));

        using var result = await DecideAsync(Secretariat, Approve("100.00"));

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Run_ByAReviewer_403BeforeAnyRead()
    {
        using var result = await DecideAsync(Reviewer, Approve("100.00"));

        Assert.Equal(403, result.StatusCode);
        doubles.Table(ApplicationStore.Table).VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_UnknownApplication_404()
    {
        doubles.Table(ApplicationStore.KeyTable)
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(AppId, "key", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Missing<TableEntity>());

        using var result = await DecideAsync(Secretariat, Approve("100.00"));

        Assert.Equal(404, result.StatusCode);
    }
}
