using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Platform.Http;
using static TrustFundGrants.Functions.Tests.Applications.Samples;

namespace TrustFundGrants.Functions.Tests.Applications.Submission;

public sealed class CompletenessTests
{
    private static readonly string[] WithBudget = ["budget"];

    [Fact]
    public void Check_CompleteDraftWithItsDocuments_FindsNothingMissing()
    {
        Assert.Empty(Completeness.Check(Draft(), Round(), WithBudget));
    }

    [Fact]
    public void Check_EmptyDraft_NamesEveryFieldAnApplicantMustFillIn()
    {
        var empty = new ApplicationEntity { PartitionKey = RoundId, RowKey = AppId, Currency = "USD" };

        var missing = Completeness.Check(empty, Round(), []);

        Assert.Equal(
            ["countries", "documents.budget", "durationMonths", "eligibilityAnswers.registered", "exploitationForms", "plannedBeneficiaries", "requestedAmount", "summary", "title"],
            missing.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1_999_999)]
    [InlineData(6_000_001)]
    public void Check_RequestOutsideTheRoundsLimits_NamesTheLimits(long requestedMinor)
    {
        var draft = Draft();
        draft.RequestedMinor = requestedMinor;

        var missing = Completeness.Check(draft, Round(), WithBudget);

        Assert.Equal(["Request between 20000.00 USD and 60000.00 USD."], missing["requestedAmount"]);
    }

    [Fact]
    public void Check_BudgetLinesNotAddingUpToTheRequest_SaysBothTotals()
    {
        var draft = Draft();
        draft.RequestedMinor = 5_000_000;

        var missing = Completeness.Check(draft, Round(), WithBudget);

        Assert.Equal(["The budget lines add up to 45000.00 USD; they must equal the requested 50000.00 USD."], missing["budgetLines"]);
    }

    [Fact]
    public void Check_NoBudgetLines_AsksForTheBudget()
    {
        var draft = Draft();
        draft.DetailsJson = (CompleteDetails() with { BudgetLines = Array.Empty<BudgetLine>() }).ToJson();

        Assert.Equal(["Add the budget, line by line."], Completeness.Check(draft, Round(), WithBudget)["budgetLines"]);
    }

    [Fact]
    public void Check_LongerThanTheRoundFunds_NamesTheLimit()
    {
        var draft = Draft();
        draft.DurationMonths = 25;

        Assert.Equal(["This round funds projects of at most 24 months."], Completeness.Check(draft, Round(), WithBudget)["durationMonths"]);
    }

    [Fact]
    public void Check_IneligibleAnswerGiven_IsCompleteScreeningJudgesIt()
    {
        Assert.Empty(Completeness.Check(Draft(registered: false), Round(), WithBudget));
    }

    [Fact]
    public void Check_AmountInAnotherFormat_IsStillSummedInMinorUnits()
    {
        var draft = Draft();
        draft.DetailsJson = (CompleteDetails() with { BudgetLines = [new BudgetLine("all", "Everything", new AmountJson("45000", "USD"))] }).ToJson();

        Assert.Empty(Completeness.Check(draft, Round(), WithBudget));
    }
}
