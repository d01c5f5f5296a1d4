using TrustFundGrants.Domain;

namespace TrustFundGrants.Domain.Tests.Rounds;

public sealed class RoundDeadlineTests
{
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Opens = Now.AddDays(-10);
    private static readonly DateTimeOffset Closes = Now.AddDays(5);

    [Fact]
    public void ProblemMoving_OpenRoundExtendedOrBroughtForwardInTheFuture_None()
    {
        Assert.Null(RoundDeadline.ProblemMoving(Opens, null, Closes.AddDays(14), Now));
        Assert.Null(RoundDeadline.ProblemMoving(Opens, null, Now.AddMinutes(1), Now));
        Assert.Null(RoundDeadline.ProblemMoving(Now.AddDays(1), Closes.AddDays(30), Closes.AddDays(29), Now));
    }

    [Fact]
    public void ProblemMoving_ToNowOrEarlier_Passed()
    {
        Assert.Equal(RoundDeadline.Passed, RoundDeadline.ProblemMoving(Opens, null, Now, Now));
        Assert.Equal(RoundDeadline.Passed, RoundDeadline.ProblemMoving(Opens, null, Now.AddDays(-1), Now));
    }

    [Fact]
    public void HasClosed_AtAndAfterTheDeadline_True()
    {
        Assert.True(RoundDeadline.HasClosed(Now, Now));
        Assert.True(RoundDeadline.HasClosed(Now.AddSeconds(-1), Now));
        Assert.False(RoundDeadline.HasClosed(Closes, Now));
    }

    [Fact]
    public void ProblemMoving_UpcomingRoundToBeforeItOpens_BeforeOpening()
    {
        var opens = Now.AddDays(3);

        Assert.Equal(RoundDeadline.BeforeOpening, RoundDeadline.ProblemMoving(opens, null, opens, Now));
    }

    [Fact]
    public void ProblemMoving_OnOrPastTheReviewDueDate_AfterReviewsDue()
    {
        var due = Closes.AddDays(20);

        Assert.Equal(RoundDeadline.AfterReviewsDue, RoundDeadline.ProblemMoving(Opens, due, due, Now));
        Assert.Equal(RoundDeadline.AfterReviewsDue, RoundDeadline.ProblemMoving(Opens, due, due.AddDays(1), Now));
    }

    [Fact]
    public void ProblemClosing_OnlyAnOpenRoundClosesEarly()
    {
        Assert.Null(RoundDeadline.ProblemClosing(Opens, Closes, Now));
        Assert.Equal(RoundDeadline.NotOpen, RoundDeadline.ProblemClosing(Now.AddSeconds(1), Closes, Now));
        Assert.Equal(RoundDeadline.Closed, RoundDeadline.ProblemClosing(Opens, Now, Now));
    }
}
