using TrustFundGrants.Domain;

namespace TrustFundGrants.Domain.Tests.Applications;

public sealed class ApplicationLifecycleTests
{
    [Theory]
    [InlineData("Draft", "Submitted")]
    [InlineData("Draft", "Withdrawn")]
    [InlineData("Submitted", "Eligible")]
    [InlineData("Submitted", "Ineligible")]
    [InlineData("Eligible", "Approved")]
    [InlineData("Eligible", "Rejected")]
    [InlineData("Eligible", "Waitlisted")]
    [InlineData("Eligible", "Withdrawn")]
    [InlineData("Ineligible", "Withdrawn")]
    public void CanMove_AllowedMove_True(string from, string to) => Assert.True(ApplicationLifecycle.CanMove(from, to));

    [Theory]
    [InlineData("Submitted", "Draft")]
    [InlineData("Eligible", "Draft")]
    [InlineData("Draft", "Eligible")]
    [InlineData("Approved", "Withdrawn")]
    [InlineData("Rejected", "Approved")]
    [InlineData("Withdrawn", "Draft")]
    [InlineData("UnderReview", "Approved")]
    [InlineData("Nonsense", "Withdrawn")]
    public void CanMove_ForbiddenOrUnknown_False(string from, string to) => Assert.False(ApplicationLifecycle.CanMove(from, to));

    [Fact]
    public void All_EveryStatus_HasItsMoves_AndUnderReviewIsNotOne()
    {
        Assert.DoesNotContain("UnderReview", ApplicationStatus.All);
        Assert.All(ApplicationStatus.All, s => Assert.Equal(s == ApplicationStatus.Draft, ApplicationLifecycle.IsEditable(s)));
        Assert.Equal(
            [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Eligible, ApplicationStatus.Ineligible],
            ApplicationStatus.All.Where(ApplicationLifecycle.MayWithdraw).ToArray());
    }

    [Theory]
    [InlineData("Eligible", false, true)]
    [InlineData("Eligible", true, false)]
    [InlineData("Submitted", false, false)]
    [InlineData("Withdrawn", false, false)]
    [InlineData("Approved", true, false)]
    public void MayDecide_StatusAndRelease_OnlyHeldEligible(string status, bool released, bool expected) =>
        Assert.Equal(expected, ApplicationLifecycle.MayDecide(status, released));

    [Theory]
    [InlineData("approved", "Approved")]
    [InlineData("rejected", "Rejected")]
    [InlineData("waitlisted", "Waitlisted")]
    public void StatusOnRelease_EachOutcome_ItsStatus(string outcome, string status)
    {
        Assert.Equal(status, DecisionOutcome.StatusOnRelease(outcome));
        Assert.True(ApplicationLifecycle.CanMove(ApplicationStatus.Eligible, status));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Approved")]
    [InlineData("deferred")]
    public void StatusOnRelease_UnknownOutcome_ThrowsRatherThanWaitlisting(string outcome)
    {
        Assert.False(DecisionOutcome.IsKnown(outcome));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionOutcome.StatusOnRelease(outcome));
    }
}
