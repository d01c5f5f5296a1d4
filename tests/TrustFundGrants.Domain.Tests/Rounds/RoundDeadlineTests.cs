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
        Assert.Null(RoundDeadline.ProblemMoving(Opens, Closes, null, Closes.AddDays(14), Now));
        Assert.Null(RoundDeadline.ProblemMoving(Opens, Closes, null, Now.AddMinutes(1), Now));
        Assert.Null(RoundDeadline.ProblemMoving(Now.AddDays(1), Closes, Closes.AddDays(30), Closes.AddDays(29), Now));
    }

    [Fact]
    public void ProblemMoving_ToNowOrEarlier_Passed()
    {
        Assert.Equal(RoundDeadline.Passed, RoundDeadline.ProblemMoving(Opens, Closes, null, Now, Now));
        Assert.Equal(RoundDeadline.Passed, RoundDeadline.ProblemMoving(Opens, Closes, null, Now.AddDays(-1), Now));
    }

    [Fact]
    public void ProblemMoving_ClosedRound_Closed()
    {
        Assert.Equal(RoundDeadline.Closed, RoundDeadline.ProblemMoving(Opens, Now, null, Now.AddDays(7), Now));
        Assert.Equal(RoundDeadline.Closed, RoundDeadline.ProblemMoving(Opens, Now.AddSeconds(-1), null, Now.AddDays(7), Now));
    }

    [Fact]
    public void ProblemMoving_UpcomingRoundToBeforeItOpens_BeforeOpening()
    {
        var opens = Now.AddDays(3);

        Assert.Equal(RoundDeadline.BeforeOpening, RoundDeadline.ProblemMoving(opens, Closes, null, opens, Now));
    }

    [Fact]
    public void ProblemMoving_OnOrPastTheReviewDueDate_AfterReviewsDue()
    {
        var due = Closes.AddDays(20);

        Assert.Equal(RoundDeadline.AfterReviewsDue, RoundDeadline.ProblemMoving(Opens, Closes, due, due, Now));
        Assert.Equal(RoundDeadline.AfterReviewsDue, RoundDeadline.ProblemMoving(Opens, Closes, due, due.AddDays(1), Now));
    }

    [Fact]
    public void ProblemClosing_OnlyAnOpenRoundClosesEarly()
    {
        Assert.Null(RoundDeadline.ProblemClosing(Opens, Closes, Now));
        Assert.Equal(RoundDeadline.NotOpen, RoundDeadline.ProblemClosing(Now.AddSeconds(1), Closes, Now));
        Assert.Equal(RoundDeadline.Closed, RoundDeadline.ProblemClosing(Opens, Now, Now));
    }
}
