using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

public sealed class PaymentFunctionTests
{
    private readonly GrantDoubles doubles = new();

    [Fact]
    public async Task RequestPayment_DueTranche_CommitsItRequestedUnderTheReadETagAndAudits()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file);
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal(GrantDoubles.Read, change.IfMatch);
        var tranche = Assert.IsType<TrancheEntity>(Assert.Single(change.Replace));
        Assert.Equal((TrancheStatus.Requested, GrantDoubles.Finance.UserId), (tranche.Status, tranche.RequestedById));
        Assert.Equal("tranche.requested", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task RequestPayment_ScheduledTranche_409AndNothingCommitted()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(first: TrancheStatus.Scheduled), commits: false);
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status409Conflict, executed.StatusCode);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task RequestPayment_AnotherRequestCommittedFirst_409NotA412()
    {
        var file = GrantDoubles.ActiveGrant();
        var after = GrantDoubles.ActiveGrant(first: TrancheStatus.Requested);
        doubles.Store.SetupSequence(s => s.ReadAsync(GrantDoubles.GrantId, It.IsAny<CancellationToken>())).ReturnsAsync(file).ReturnsAsync(after);
        doubles.Store.Setup(s => s.CommitAsync(It.IsAny<GrantChange>(), It.IsAny<CancellationToken>())).ThrowsAsync(new GrantChangedException(GrantDoubles.GrantId));
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status409Conflict, executed.StatusCode);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task RequestPayment_ReadOverlapsAnotherRequestsCommit_ReadsAgainAnd409NotA412()
    {
        // The grant row already at the winner's ETag, its tranche rows still as before the winner's commit.
        var torn = GrantDoubles.ActiveGrant();
        torn.Grant.ETag = new Azure.ETag("W/\"winner\"");
        var after = GrantDoubles.ActiveGrant(first: TrancheStatus.Requested);
        after.Grant.ETag = torn.Grant.ETag;
        doubles.Store.SetupSequence(s => s.ReadAsync(GrantDoubles.GrantId, It.IsAny<CancellationToken>())).ReturnsAsync(torn).ReturnsAsync(after);
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status409Conflict, executed.StatusCode);
        Assert.Empty(doubles.Commits);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task RequestPayment_StaleETagAndTheTrancheStillDue_412()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: new Azure.ETag("W/\"stale\"")), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status412PreconditionFailed, executed.StatusCode);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task RequestPayment_WithoutIfMatch_428()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST"), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status428PreconditionRequired, executed.StatusCode);
    }

    [Fact]
    public async Task RequestPayment_ByAnApplicant_403BeforeAnyRead()
    {
        var function = new RequestPayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Member, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status403Forbidden, executed.StatusCode);
        doubles.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ApprovePayment_ByTheMemberWhoRequested_403FourEyesAndNothingCommitted()
    {
        var file = Requested(GrantDoubles.Finance.UserId);
        doubles.Holds(file, commits: false);
        var function = new ApprovePayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status403Forbidden, executed.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:four-eyes", executed.Root.GetProperty("type").GetString());
        Assert.Equal(TrancheStatus.Requested, file.Tranche(1)!.Status);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task ApprovePayment_ByASecondMember_CommitsApproved()
    {
        doubles.Holds(Requested(GrantDoubles.Finance.UserId));
        var function = new ApprovePayment(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

        var result = await function.Run(doubles.Request(GrantDoubles.Director, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        var tranche = Assert.IsType<TrancheEntity>(Assert.Single(Assert.Single(doubles.Commits).Replace));
        Assert.Equal((TrancheStatus.Approved, GrantDoubles.Director.Email), (tranche.Status, tranche.ApprovedByEmail));
    }

    [Fact]
    public async Task RecordPayment_Approved_CommitsDisbursementTotalsReferenceEmailAndEventTogether()
    {
        doubles.Holds(Approved());
        var function = new RecordPayment(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(Pay("BANK-1"), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal(1_800_000, change.Grant.DisbursedMinor);
        var entry = Assert.Single(change.Add.OfType<LedgerEntryEntity>());
        Assert.Equal((LedgerKind.Disbursement, 1_800_000L, "ledger-000002", "BANK-1"), (entry.Kind, entry.AmountMinor, entry.RowKey, entry.Reference));
        Assert.Single(change.Add.OfType<TableEntity>(), r => r.RowKey == GrantStore.PaymentReferenceRow("BANK-1"));
        Assert.Contains("tranche-paid", Assert.Single(GrantDoubles.Staged(change, GrantEmailMessage.Queue)), StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"tranche-paid\"", Assert.Single(GrantDoubles.Staged(change, ProjectionEvent.Queue)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPayment_BeyondTheCommitment_409AndNothingCommitted()
    {
        var file = Approved();
        file.Grant.CommittedMinor = 1_000_000;
        doubles.Holds(file, commits: false);
        var function = new RecordPayment(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(Pay("BANK-1"), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status409Conflict, executed.StatusCode);
        Assert.Contains("beyond", executed.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordPayment_SameReferenceAgainForTheTrancheItPaid_200AndNothingCommitted()
    {
        var file = Approved();
        (file.Tranche(1)!.Status, file.Tranche(1)!.PaymentReference) = (TrancheStatus.Paid, "BANK-1");
        doubles.Holds(file, commits: false);
        var function = new RecordPayment(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(Pay("BANK-1", new Azure.ETag("W/\"stale\"")), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status200OK, executed.StatusCode);
        Assert.Empty(doubles.Audited);
    }

    [Fact]
    public async Task RecordPayment_StaleETag_412()
    {
        doubles.Holds(Approved(), commits: false);
        var function = new RecordPayment(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        var result = await function.Run(Pay("BANK-1", new Azure.ETag("W/\"stale\"")), GrantDoubles.GrantId, "1", CancellationToken.None);

        using var executed = await ExecutedResult.ExecuteAsync(result);
        Assert.Equal(StatusCodes.Status412PreconditionFailed, executed.StatusCode);
    }

    [Fact]
    public async Task RecordPayment_LastTrancheAfterTheFinalReport_ClosesTheGrant()
    {
        var file = Approved();
        foreach (var t in file.Tranches.Skip(1))
        {
            t.Status = TrancheStatus.Paid;
        }

        (file.Grant.DisbursedMinor, file.Grant.FinalReportAccepted) = (2_700_000, true);
        doubles.Holds(file);
        var function = new RecordPayment(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock);

        await function.Run(Pay("BANK-9"), GrantDoubles.GrantId, "1", CancellationToken.None);

        Assert.Equal(GrantStatus.Closed, Assert.Single(doubles.Commits).Grant.Status);
    }

    private HttpRequest Pay(string reference, Azure.ETag? etag = null) =>
        doubles.Request(GrantDoubles.Finance, "POST", new { reference, valueDate = "2027-03-01" }, etag ?? GrantDoubles.Read);

    private static GrantFile Requested(string by)
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Requested);
        file.Tranche(1)!.RequestedById = by;
        return file;
    }

    private static GrantFile Approved()
    {
        var file = Requested(GrantDoubles.Finance.UserId);
        (file.Tranche(1)!.Status, file.Tranche(1)!.ApprovedById) = (TrancheStatus.Approved, GrantDoubles.Director.UserId);
        return file;
    }
}
