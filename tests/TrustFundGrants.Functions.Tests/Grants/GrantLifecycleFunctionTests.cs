using Microsoft.AspNetCore.Http;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

/// <summary>Setting a draft's terms, sending the agreement, suspending, reinstating and terminating, and recording a refund.</summary>
public sealed class GrantLifecycleFunctionTests
{
    private readonly GrantDoubles doubles = new();

    [Fact]
    public async Task SetGrantTerms_Draft_ReplacesKeptRowsUnderTheirETagsAddsNewOnesAndRemovesTheRest()
    {
        var file = Draft();
        doubles.Holds(file);
        var terms = new
        {
            startDate = "2027-02-01", endDate = "2027-12-31",
            tranches = new object[] { new { dueDate = "2027-02-01", percent = 60 }, new { dueDate = "2027-08-01", percent = 40 } },
            reports = new object[] { new { kind = "interim", periodEnd = "2027-06-30", dueDate = "2027-07-31" }, new { kind = "final", periodEnd = "2027-12-31", dueDate = "2028-01-31" } },
        };

        using var result = await ExecutedResult.ExecuteAsync(await new SetGrantTerms(doubles.Access, doubles.Store.Object, doubles.Audit)
            .Run(doubles.Request(GrantDoubles.Finance, "PUT", terms, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

        Assert.True(result.StatusCode == StatusCodes.Status200OK, result.Root.ToString());
        var change = Assert.Single(doubles.Commits);
        Assert.Equal((GrantDoubles.Read, "2027-02-01"), (change.IfMatch, change.Grant.StartDate));
        var tranches = change.Replace.OfType<TrancheEntity>().OrderBy(t => t.Number).ToList();
        Assert.Equal([2_700_000L, 1_800_000L], tranches.Select(t => t.AmountMinor));
        Assert.Equal([new Azure.ETag("W/\"t1\""), new Azure.ETag("W/\"t2\"")], tranches.Select(t => t.ETag));
        Assert.Equal(TrancheEntity.RowKeyFor(3), Assert.IsType<TrancheEntity>(Assert.Single(change.Remove)).RowKey);
        Assert.Empty(change.Add);
        Assert.Equal("grant.terms-set", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task SetGrantTerms_SentAgreement_409TermsChangeByAmendmentOnly()
    {
        var file = Draft();
        file.Grant.Status = GrantStatus.AwaitingSignature;
        doubles.Holds(file, commits: false);
        var terms = new { startDate = "2027-02-01", endDate = "2027-12-31", tranches = new object[] { new { dueDate = "2027-02-01", percent = 100 } }, reports = new object[] { new { kind = "final", periodEnd = "2027-12-31", dueDate = "2028-01-31" } } };

        using var result = await ExecutedResult.ExecuteAsync(await new SetGrantTerms(doubles.Access, doubles.Store.Object, doubles.Audit)
            .Run(doubles.Request(GrantDoubles.Finance, "PUT", terms, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task SendAgreement_DraftWithTerms_AwaitingSignatureWithTheAgreementEmailOwedInTheSameCommit()
    {
        doubles.Holds(Draft());

        using var result = await SendAsync(GrantDoubles.Finance);

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal((GrantStatus.AwaitingSignature, (DateTimeOffset?)doubles.Clock.GetUtcNow(), GrantDoubles.Read), (change.Grant.Status, change.Grant.SentAt, change.IfMatch));
        Assert.Contains("\"kind\":\"agreement-ready\"", Assert.Single(GrantDoubles.Staged(change, GrantEmailMessage.Queue)), StringComparison.Ordinal);
        Assert.Equal("grant.sent", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task SendAgreement_NoTranchesYet_400NamingTermsAndNothingCommitted()
    {
        doubles.Holds(Draft() with { Tranches = [] }, commits: false);

        using var result = await SendAsync(GrantDoubles.Finance);

        Assert.Equal(["terms"], result.ErrorKeys);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task SendAgreement_AlreadyActive_409()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await SendAsync(GrantDoubles.Finance);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task SendAgreement_ByTheNgo_403BeforeAnyRead()
    {
        using var result = await SendAsync(GrantDoubles.Member);

        Assert.Equal(StatusCodes.Status403Forbidden, result.StatusCode);
        doubles.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ChangeGrantStatus_SuspendActive_CommitsTheStatusAndReasonUnderTheReadETag()
    {
        doubles.Holds(GrantDoubles.ActiveGrant());

        using var result = await StatusAsync(new { status = GrantStatus.Suspended, reason = "Audit findings" });

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal((GrantStatus.Suspended, "Audit findings", GrantDoubles.Read), (change.Grant.Status, change.Grant.StatusReason, change.IfMatch));
        Assert.Equal("grant.status-changed", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task ChangeGrantStatus_UnknownStatusAndNoReason_400NamingBothBeforeAnyRead()
    {
        using var result = await StatusAsync(new { status = "Paused", reason = "" });

        Assert.Equal(["reason", "status"], result.ErrorKeys.Order(StringComparer.Ordinal));
        doubles.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ChangeGrantStatus_TerminateWithAPaymentRequested_409AndNothingCommitted()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(first: TrancheStatus.Requested), commits: false);

        using var result = await StatusAsync(new { status = GrantStatus.Terminated, reason = "Fraud" });

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
        Assert.Contains("record it paid", result.Root.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task ChangeGrantStatus_ActiveToActive_409()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await StatusAsync(new { status = GrantStatus.Active, reason = "Again" });

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task ChangeGrantStatus_CommitLosesTheRace_412AndNothingAudited()
    {
        doubles.Store.Setup(s => s.ReadAsync(GrantDoubles.GrantId, It.IsAny<CancellationToken>())).ReturnsAsync(GrantDoubles.ActiveGrant());
        doubles.Store.Setup(s => s.CommitAsync(It.IsAny<GrantChange>(), It.IsAny<CancellationToken>())).ThrowsAsync(new GrantChangedException(GrantDoubles.GrantId));

        using var result = await StatusAsync(new { status = GrantStatus.Suspended, reason = "Audit" });

        Assert.Equal(StatusCodes.Status412PreconditionFailed, result.StatusCode);
    }

    [Fact]
    public async Task RecordRefund_AllThatWasOwed_RefundEntryTotalsEventAndTheGrantClosesInOneCommit()
    {
        doubles.Holds(Settling());

        using var result = await RefundAsync(new { amount = new { amount = "6000.00", currency = "USD" }, reference = "BANK-R1" });

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        var entry = Assert.IsType<LedgerEntryEntity>(Assert.Single(change.Add));
        Assert.Equal((LedgerKind.Refund, 600_000L, "BANK-R1"), (entry.Kind, entry.AmountMinor, entry.Reference));
        Assert.Equal((600_000L, GrantStatus.Closed), (change.Grant.RefundedMinor, change.Grant.Status));
        Assert.Contains("\"kind\":\"refund-received\"", Assert.Single(GrantDoubles.Staged(change, ProjectionEvent.Queue)), StringComparison.Ordinal);
        Assert.Equal("grant.refund-received", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task RecordRefund_PartOfWhatIsOwed_StaysActive()
    {
        doubles.Holds(Settling());

        await RefundAsync(new { amount = new { amount = "1000.00", currency = "USD" }, reference = "BANK-R1" });

        Assert.Equal((100_000L, GrantStatus.Active), (doubles.Commits[0].Grant.RefundedMinor, doubles.Commits[0].Grant.Status));
    }

    [Fact]
    public async Task RecordRefund_MoreThanOwed_400NamingTheAmountAndNothingCommitted()
    {
        doubles.Holds(Settling(), commits: false);

        using var result = await RefundAsync(new { amount = new { amount = "6000.01", currency = "USD" }, reference = "BANK-R1" });

        Assert.Equal(["amount.amount"], result.ErrorKeys);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task RecordRefund_OtherCurrencyAndNoReference_400NamingBothAtOnce()
    {
        doubles.Holds(Settling(), commits: false);

        using var result = await RefundAsync(new { amount = new { amount = "10.00", currency = "EUR" }, reference = " " });

        Assert.Equal(["amount.currency", "reference"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    private async Task<ExecutedResult> SendAsync(Functions.Platform.Auth.Caller caller) =>
        await ExecutedResult.ExecuteAsync(await new SendAgreement(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(caller, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

    private async Task<ExecutedResult> StatusAsync(object body) =>
        await ExecutedResult.ExecuteAsync(await new ChangeGrantStatus(doubles.Access, doubles.Store.Object, doubles.Audit)
            .Run(doubles.Request(GrantDoubles.Finance, "POST", body, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

    private async Task<ExecutedResult> RefundAsync(object body) =>
        await ExecutedResult.ExecuteAsync(await new RecordRefund(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(GrantDoubles.Finance, "POST", body, GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

    private static GrantFile Draft()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Scheduled);
        (file.Grant.Status, file.Grant.CommittedMinor, file.Grant.LedgerCount) = (GrantStatus.Draft, 0, 0);
        return file;
    }

    // The final report accepted with 6,000.00 unspent: the last tranche cancelled, the rest paid, the refund owed.
    private static GrantFile Settling()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Paid, disbursed: 3_600_000);
        file.Tranche(2)!.Status = TrancheStatus.Paid;
        file.Tranche(3)!.Status = TrancheStatus.Cancelled;
        (file.Grant.CommittedMinor, file.Grant.FinalReportAccepted, file.Grant.RefundOwedMinor) = (3_600_000, true, 600_000);
        return file;
    }
}
