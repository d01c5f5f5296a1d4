using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Http;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Applications;

public sealed class ApplicationDecisionViewTests
{
    private static ApplicationEntity Decided(bool released)
    {
        var application = Draft(released ? ApplicationStatus.Approved : ApplicationStatus.Eligible);
        application.DecisionOutcome = DecisionOutcome.Approved;
        application.ApprovedMinor = 4_000_000;
        application.DecisionRationale = "Strong local partnerships.";
        application.DecidedAt = Now;
        application.DecisionReleased = released;
        return application;
    }

    [Fact]
    public void From_DecisionHeldBySecretariat_ShowsNoDecision()
    {
        var view = ApplicationView.From(Decided(released: false), []);

        Assert.Null(view.Decision);
    }

    [Fact]
    public void From_DecisionReleased_ShowsOutcomeAmountDateAndFeedback()
    {
        var view = ApplicationView.From(Decided(released: true), []);

        Assert.Equal(new ApplicationDecisionView(DecisionOutcome.Approved, new AmountJson("40000.00", "USD"), Now, "Strong local partnerships."), view.Decision);
    }

    [Fact]
    public void From_RejectionReleased_ShowsNoAmount()
    {
        var application = Decided(released: true);
        (application.Status, application.DecisionOutcome, application.ApprovedMinor) = (ApplicationStatus.Rejected, DecisionOutcome.Rejected, null);

        var view = ApplicationView.From(application, []);

        Assert.Equal((DecisionOutcome.Rejected, (AmountJson?)null), (view.Decision?.Outcome, view.Decision?.ApprovedAmount));
    }
}
