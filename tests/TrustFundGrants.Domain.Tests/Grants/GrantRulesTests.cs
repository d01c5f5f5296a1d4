namespace TrustFundGrants.Domain.Tests.Grants;

public sealed class GrantRulesTests
{
    private static readonly Money Grant = new(4_500_000, Currencies.Usd);
    private static readonly DateOnly Start = new(2027, 1, 1);
    private static readonly DateOnly End = new(2027, 12, 31);

    private static RequestedTranche Tranche(decimal percent, DateOnly due) => new(new TranchePart(percent, null), due);

    private static readonly RequestedReport[] TwoReports =
    [
        new(GrantTerms.Interim, new DateOnly(2027, 6, 30), new DateOnly(2027, 7, 31)),
        new(GrantTerms.Final, End, new DateOnly(2028, 2, 28)),
    ];

    [Fact]
    public void Plan_ThreeTranchesTwoReports_TranchesAfterTheFirstWaitForTheReportBefore()
    {
        var errors = new Dictionary<string, string[]>();

        var plan = GrantTerms.Plan(Grant, Start, End, [Tranche(40, Start), Tranche(40, new(2027, 8, 1)), Tranche(20, new(2027, 12, 1))], TwoReports, errors);

        Assert.Empty(errors);
        Assert.Equal([null, 1, 2], plan!.Value.Tranches.Select(t => t.AfterReport));
        Assert.Equal([1_800_000, 1_800_000, 900_000], plan.Value.Tranches.Select(t => t.Amount.MinorUnits));
        Assert.Equal([1, 2], plan.Value.Reports.Select(r => r.Number));
    }

    [Fact]
    public void Plan_TrancheDateOutsideThePeriod_ErrorNamesTheDate()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(GrantTerms.Plan(Grant, Start, End, [Tranche(40, Start), Tranche(60, new(2028, 1, 5))], TwoReports, errors));
        Assert.True(errors.ContainsKey("tranches[1].dueDate"));
    }

    [Fact]
    public void Plan_FinalReportNotLast_ErrorNamesTheKind()
    {
        var errors = new Dictionary<string, string[]>();
        RequestedReport[] reports = [TwoReports[1] with { PeriodEnd = new(2027, 6, 30), DueOn = new(2027, 7, 31) }, TwoReports[1]];

        Assert.Null(GrantTerms.Plan(Grant, Start, End, [Tranche(100, Start)], reports, errors));
        Assert.True(errors.ContainsKey("reports[0].kind"));
    }

    [Fact]
    public void Plan_MoreTranchesThanReportsAllow_ErrorOnReports()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(GrantTerms.Plan(Grant, Start, End, [Tranche(40, Start), Tranche(30, Start), Tranche(30, Start)], [TwoReports[1]], errors));
        Assert.True(errors.ContainsKey("reports"));
    }

    [Fact]
    public void Plan_EndBeforeStart_ErrorOnEndDate()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(GrantTerms.Plan(Grant, End, Start, [Tranche(100, Start)], TwoReports, errors));
        Assert.True(errors.ContainsKey("endDate"));
    }

    [Theory]
    [InlineData(GrantStatus.Draft, GrantStatus.AwaitingSignature, true)]
    [InlineData(GrantStatus.AwaitingSignature, GrantStatus.Active, true)]
    [InlineData(GrantStatus.Active, GrantStatus.Closed, true)]
    [InlineData(GrantStatus.Suspended, GrantStatus.Active, true)]
    [InlineData(GrantStatus.Active, GrantStatus.Terminated, true)]
    [InlineData(GrantStatus.Draft, GrantStatus.Active, false)]
    [InlineData(GrantStatus.Closed, GrantStatus.Active, false)]
    [InlineData(GrantStatus.Terminated, GrantStatus.Active, false)]
    [InlineData(GrantStatus.Suspended, GrantStatus.Closed, false)]
    public void CanMove_Lifecycle_AllowsOnlyTheDesignedSteps(string from, string to, bool allowed) =>
        Assert.Equal(allowed, GrantStatus.CanMove(from, to));

    [Fact]
    public void Approve_BySameMemberWhoRequested_Refused()
    {
        Assert.NotNull(TrancheRules.Approve(GrantStatus.Active, TrancheStatus.Requested, "user-a", "user-a"));
        Assert.Null(TrancheRules.Approve(GrantStatus.Active, TrancheStatus.Requested, "user-a", "user-b"));
    }

    [Theory]
    [InlineData(GrantStatus.Suspended, TrancheStatus.Due)]
    [InlineData(GrantStatus.Active, TrancheStatus.Scheduled)]
    [InlineData(GrantStatus.Active, TrancheStatus.Paid)]
    public void Request_NotActiveOrNotDue_Refused(string grant, string tranche) => Assert.NotNull(TrancheRules.Request(grant, tranche));

    [Fact]
    public void Pay_OnlyAnApprovedTranche() =>
        Assert.Equal([false, false, true], new[] { TrancheStatus.Due, TrancheStatus.Requested, TrancheStatus.Approved }.Select(s => TrancheRules.Pay(GrantStatus.Active, s) is null));

    [Fact]
    public void BudgetMoves_WithinTenPercentOfEachLine_Free()
    {
        var errors = new Dictionary<string, string[]>();
        long[] lines = [3_000_000, 1_500_000];

        var after = BudgetMoves.Apply(lines, [new BudgetMove(0, 1, 150_000)], errors)!;

        Assert.Equal([2_850_000, 1_650_000], after);
        Assert.True(BudgetMoves.WithinFreeShare(lines, after));
        Assert.False(BudgetMoves.WithinFreeShare(lines, BudgetMoves.Apply(lines, [new BudgetMove(0, 1, 150_001)], errors)!));
    }

    [Fact]
    public void BudgetMoves_LineNotInBudgetOrMoreThanItHolds_ErrorsNameTheMove()
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(BudgetMoves.Apply([100, 100], [new BudgetMove(2, 0, 1), new BudgetMove(0, 1, 101)], errors));
        Assert.True(errors.ContainsKey("moves[0].from"));
        Assert.True(errors.ContainsKey("moves[1].amount"));
    }

    [Fact]
    public void Extension_EarlierEnd_Refused()
    {
        Assert.NotNull(Extension.Check(End, End));
        Assert.Null(Extension.Check(End, End.AddMonths(3)));
    }

    [Theory]
    [InlineData(20, null)]
    [InlineData(14, "due-14")]
    [InlineData(4, "due-14")]
    [InlineData(3, "due-3")]
    [InlineData(0, "due-3")]
    [InlineData(-1, "overdue-0")]
    [InlineData(-7, "overdue-0")]
    [InlineData(-8, "overdue-1")]
    [InlineData(-15, "overdue-2")]
    public void Latest_DaysBeforeOrAfterDue_TheOneReminderOwed(int daysLeft, string? expected)
    {
        var today = new DateOnly(2027, 3, 1);

        Assert.Equal(expected, ReportReminders.Latest(today.AddDays(daysLeft), today));
    }
}
