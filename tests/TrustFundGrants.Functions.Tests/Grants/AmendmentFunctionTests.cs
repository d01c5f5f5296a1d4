using Microsoft.AspNetCore.Http;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

/// <summary>
/// Amendments to accepted terms: a no-cost extension (Secretariat only) moving the end and every owed report by the
/// same days; a budget move applied at once within the free share (10 % of each line) or when the Secretariat makes
/// it, otherwise pending until the Secretariat approves it against the budget as it then is.
/// </summary>
public sealed class AmendmentFunctionTests
{
    private readonly GrantDoubles doubles = new();

    private AmendGrant Amend() => new(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

    private ApproveAmendment Approve() => new(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock);

    private async Task<ExecutedResult> AmendAsync(Caller caller, object body, Azure.ETag? ifMatch = null) =>
        await ExecutedResult.ExecuteAsync(await Amend().Run(doubles.Request(caller, "POST", body, ifMatch ?? GrantDoubles.Read), GrantDoubles.GrantId, CancellationToken.None));

    private async Task<ExecutedResult> ApproveAsync(Caller caller, string number = "1") =>
        await ExecutedResult.ExecuteAsync(await Approve().Run(doubles.Request(caller, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, number, CancellationToken.None));

    [Fact]
    public async Task AmendGrant_ExtensionByTheSecretariat_MovesTheEndAndEveryOwedReportByTheSameDaysUnderTheReadETag()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.Status = ReportStatus.Accepted;
        doubles.Holds(file);

        using var result = await AmendAsync(GrantDoubles.Finance, new { kind = "extension", reason = "Shelter opened late", newEndDate = "2028-03-31" });

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal(GrantDoubles.Read, change.IfMatch);
        Assert.Equal(("2028-03-31", 1), (change.Grant.EndDate, change.Grant.AmendmentCount));
        var amendment = Assert.IsType<AmendmentEntity>(Assert.Single(change.Add));
        Assert.Equal(("amendment-01", "extension", "Applied", GrantDoubles.Finance.Email), (amendment.RowKey, amendment.Kind, amendment.Status, amendment.ApprovedByEmail));
        var moved = Assert.IsType<ReportEntity>(Assert.Single(change.Replace));
        Assert.Equal((2, "2028-05-01"), (moved.Number, moved.DueOn));
        Assert.Equal("2027-07-31", file.Report(1)!.DueOn);
        Assert.Equal("grant.amended", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task AmendGrant_ExtensionAskedByTheNgo_403AndNothingCommitted()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Member, new { kind = "extension", reason = "More time", newEndDate = "2028-03-31" });

        Assert.Equal(StatusCodes.Status403Forbidden, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:forbidden", result.Root.GetProperty("type").GetString());
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task AmendGrant_ExtensionToAnEarlierDate_400NamingNewEndDate()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Finance, new { kind = "extension", reason = "Typo", newEndDate = "2027-06-30" });

        Assert.Equal(["newEndDate"], result.ErrorKeys);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task AmendGrant_UnknownKindWithoutAReason_400NamingBothAtOnce()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Finance, new { kind = "top-up", reason = " " });

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal(["kind", "reason"], result.ErrorKeys.Order(StringComparer.Ordinal));
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task AmendGrant_MoveInAnotherCurrency_400NamingTheMovesAmount()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Member, Move(1, 0, "100.00", "EUR"));

        Assert.Equal(["moves[0].amount.currency"], result.ErrorKeys);
    }

    [Fact]
    public async Task AmendGrant_NgoMoveWithinTheFreeShare_AppliedAtOnceWithNoApprover()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file);

        using var result = await AmendAsync(GrantDoubles.Member, Move(1, 0, "1500.00"));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var amendment = Assert.IsType<AmendmentEntity>(Assert.Single(Assert.Single(doubles.Commits).Add));
        Assert.Equal(("Applied", null), (amendment.Status, amendment.ApprovedByEmail));
        Assert.Equal([3_150_000L, 1_350_000L], GrantBudget.Lines(file.Grant).Select(l => l.AmountMinor));
    }

    [Fact]
    public async Task AmendGrant_NgoMoveBeyondTheFreeShare_PendingAndTheBudgetUnchanged()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file);

        using var result = await AmendAsync(GrantDoubles.Member, Move(1, 0, "5000.00"));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var amendment = Assert.IsType<AmendmentEntity>(Assert.Single(Assert.Single(doubles.Commits).Add));
        Assert.Equal(("Pending", GrantDoubles.Member.UserId), (amendment.Status, amendment.ProposedById));
        Assert.Equal([3_000_000L, 1_500_000L], GrantBudget.Lines(file.Grant).Select(l => l.AmountMinor));
    }

    [Fact]
    public async Task AmendGrant_SecretariatMoveBeyondTheFreeShare_AppliedAndApprovedByThem()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file);

        using var result = await AmendAsync(GrantDoubles.Finance, Move(1, 0, "5000.00"));

        var amendment = Assert.IsType<AmendmentEntity>(Assert.Single(Assert.Single(doubles.Commits).Add));
        Assert.Equal(("Applied", GrantDoubles.Finance.Email), (amendment.Status, amendment.ApprovedByEmail));
        Assert.Equal([3_500_000L, 1_000_000L], GrantBudget.Lines(file.Grant).Select(l => l.AmountMinor));
    }

    [Fact]
    public async Task AmendGrant_MoveMoreThanTheLineHolds_400AndNothingCommitted()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Finance, Move(1, 0, "15000.01"));

        Assert.Equal(["moves[0].amount"], result.ErrorKeys);
        Assert.Empty(doubles.Commits);
    }

    [Fact]
    public async Task AmendGrant_DraftGrant_409()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Grant.Status = GrantStatus.Draft;
        doubles.Holds(file, commits: false);

        using var result = await AmendAsync(GrantDoubles.Finance, Move(1, 0, "100.00"));

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task AmendGrant_AnotherOrganisationsGrant_404()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Stranger, Move(1, 0, "100.00"));

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public async Task AmendGrant_StaleETag_412AndNothingCommitted()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await AmendAsync(GrantDoubles.Finance, Move(1, 0, "100.00"), new Azure.ETag("W/\"stale\""));

        Assert.Equal(StatusCodes.Status412PreconditionFailed, result.StatusCode);
    }

    [Fact]
    public async Task ApproveAmendment_Pending_AppliesTheMovesToTheBudgetAsItIsNow()
    {
        var file = WithPending(moveMinor: 500_000);
        doubles.Holds(file);

        using var result = await ApproveAsync(GrantDoubles.Director);

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal(GrantDoubles.Read, change.IfMatch);
        var amendment = Assert.IsType<AmendmentEntity>(Assert.Single(change.Replace));
        Assert.Equal(("Applied", GrantDoubles.Director.Email, (DateTimeOffset?)doubles.Clock.GetUtcNow()), (amendment.Status, amendment.ApprovedByEmail, amendment.ApprovedAt));
        Assert.Equal([3_500_000L, 1_000_000L], GrantBudget.Lines(change.Grant).Select(l => l.AmountMinor));
        Assert.Equal("grant.amendment-approved", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task ApproveAmendment_TheLineWasDrainedMeanwhile_409AndTheBudgetUnchanged()
    {
        var file = WithPending(moveMinor: 500_000);
        GrantBudget.Keep(file.Grant, [new("shelter", "Rent", 4_200_000), new("legal", "Lawyers", 300_000)]);
        doubles.Holds(file, commits: false);

        using var result = await ApproveAsync(GrantDoubles.Director);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
        Assert.Equal("Pending", file.Amendments[0].Status);
        Assert.Equal([4_200_000L, 300_000L], GrantBudget.Lines(file.Grant).Select(l => l.AmountMinor));
    }

    [Fact]
    public async Task ApproveAmendment_AlreadyApplied_409()
    {
        var file = WithPending(moveMinor: 500_000);
        file.Amendments[0].Status = "Applied";
        doubles.Holds(file, commits: false);

        using var result = await ApproveAsync(GrantDoubles.Director);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task ApproveAmendment_UnknownNumber_404()
    {
        doubles.Holds(WithPending(moveMinor: 500_000), commits: false);

        using var result = await ApproveAsync(GrantDoubles.Director, "7");

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public async Task ApproveAmendment_ByTheNgo_403BeforeAnyRead()
    {
        using var result = await ApproveAsync(GrantDoubles.Member);

        Assert.Equal(StatusCodes.Status403Forbidden, result.StatusCode);
        doubles.Store.VerifyNoOtherCalls();
    }

    private static object Move(int from, int to, string amount, string currency = "USD") =>
        new { kind = "budget-move", reason = "Rents rose", moves = new[] { new { from, to, amount = new { amount, currency } } } };

    private static GrantFile WithPending(long moveMinor)
    {
        var file = GrantDoubles.ActiveGrant();
        var pending = new AmendmentEntity
        {
            PartitionKey = GrantDoubles.GrantId, RowKey = AmendmentEntity.RowKeyFor(1), ETag = new Azure.ETag("W/\"a1\""), Number = 1, Kind = "budget-move",
            Status = "Pending", Reason = "Rents rose", ProposedById = GrantDoubles.Member.UserId, ProposedByEmail = GrantDoubles.Member.Email,
            ChangeJson = AmendmentChanges.Moves([new BudgetMove(1, 0, moveMinor)]),
        };
        file.Grant.AmendmentCount = 1;
        return file with { Amendments = [pending] };
    }
}
