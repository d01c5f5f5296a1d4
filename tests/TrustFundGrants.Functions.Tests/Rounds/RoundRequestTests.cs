using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Tests.Rounds;

public sealed class RoundRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly CurrencyCode Usd = CurrencyCode.Parse("USD");

    private static RoundRequest Valid() => new(
        "Open call",
        "Shelters and legal aid.",
        Now.AddDays(1),
        Now.AddDays(30),
        "Africa/Nairobi",
        new AmountJson("500000.00", "USD"),
        new AmountJson("20000.00", "USD"),
        new AmountJson("60000.00", "USD"),
        24,
        [new EligibilityQuestion("registered", "Is the organisation registered?", true)],
        [new Criterion("relevance", "Relevance", null, 3, 10)],
        [new RequiredDocument("budget", "Budget", 1024, ["application/pdf"])],
        2,
        false);

    private static Dictionary<string, string[]> ErrorsOf(RoundRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        request.Validate(Usd, Now, errors);
        return errors;
    }

    [Fact]
    public void Validate_ValidRound_ReturnsTheAmountsInMinorUnits()
    {
        var errors = new Dictionary<string, string[]>();

        var amounts = Valid().Validate(Usd, Now, errors);

        Assert.Empty(errors);
        Assert.Equal((50_000_000L, 2_000_000L, 6_000_000L), (amounts!.Value.Envelope.MinorUnits, amounts.Value.MinGrant.MinorUnits, amounts.Value.MaxGrant.MinorUnits));
    }

    [Fact]
    public void Validate_ClosingBeforeOpening_NamesClosesAt()
    {
        Assert.Equal(["closesAt"], ErrorsOf(Valid() with { ClosesAt = Now.AddHours(12) }).Keys);
    }

    [Fact]
    public void Validate_ClosingDatePassed_NamesClosesAt()
    {
        Assert.Equal(["The closing date has passed."], ErrorsOf(Valid() with { OpensAt = Now.AddDays(-3), ClosesAt = Now.AddDays(-1) })["closesAt"]);
    }

    [Fact]
    public void Validate_ReviewsDueBeforeClosing_NamesReviewDueAt()
    {
        Assert.Equal([ReviewDue.AfterClosing], ErrorsOf(Valid() with { ReviewDueAt = Now.AddDays(29) })["reviewDueAt"]);
    }

    [Fact]
    public void Validate_UnknownTimeZone_NamesTimeZone()
    {
        Assert.Equal(["timeZone"], ErrorsOf(Valid() with { TimeZone = "Mars/Olympus" }).Keys);
    }

    [Fact]
    public void Validate_LargestGrantAboveTheEnvelope_NamesMaxGrant()
    {
        Assert.Equal(["The largest grant cannot exceed the envelope."], ErrorsOf(Valid() with { MaxGrant = new AmountJson("600000.00", "USD") })["maxGrant.amount"]);
    }

    [Fact]
    public void Validate_LargestBelowSmallest_NamesMaxGrant()
    {
        Assert.Equal(["The largest grant cannot be below the smallest."], ErrorsOf(Valid() with { MinGrant = new AmountJson("70000.00", "USD") })["maxGrant.amount"]);
    }

    [Fact]
    public void Validate_AmountInAnotherCurrency_NamesTheAmountsCurrency()
    {
        Assert.Contains("envelope.currency", ErrorsOf(Valid() with { Envelope = new AmountJson("500000.00", "EUR") }).Keys);
    }

    [Theory]
    [InlineData(0, "maxDurationMonths")]
    [InlineData(61, "maxDurationMonths")]
    public void Validate_DurationOutOfRange_NamesIt(int months, string field)
    {
        Assert.Equal([field], ErrorsOf(Valid() with { MaxDurationMonths = months }).Keys);
    }

    [Fact]
    public void Validate_DuplicateCriterionIdsAndBadWeight_NameEachItem()
    {
        var errors = ErrorsOf(Valid() with { Criteria = [new Criterion("relevance", "Relevance", null, 3, 10), new Criterion("relevance", "Again", null, 0, 10)] });

        Assert.Equal(["criteria[1].id", "criteria[1].weight"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_DocumentTypeThatIsNoSlugOrUnlistedContentType_NamesTheItemsFields()
    {
        var errors = ErrorsOf(Valid() with { RequiredDocuments = [new RequiredDocument("Budget File", "Budget", 1024, ["text/html"])] });

        Assert.Equal(["requiredDocuments[0].contentTypes", "requiredDocuments[0].type"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NoCriteria_AsksForAtLeastOne()
    {
        Assert.Equal(["Give 1 to 20 items."], ErrorsOf(Valid() with { Criteria = [] })["criteria"]);
    }

    [Fact]
    public void Validate_LevelDescriptorsWithinTheScale_Accepted()
    {
        var levels = new ScoreLevel[] { new(0, "No plan"), new(5, "A plan with gaps"), new(10, "A clear plan with partners named") };

        Assert.Empty(ErrorsOf(Valid() with { Criteria = [new Criterion("relevance", "Relevance", null, 3, 10, levels)] }));
    }

    [Fact]
    public void Validate_LevelDescriptorsOutOfRangeRepeatedOrBlank_NamesEachLevel()
    {
        var levels = new ScoreLevel[] { new(11, "Beyond the scale"), new(4, "Some"), new(4, "Again"), new(2, "  ") };

        var errors = ErrorsOf(Valid() with { Criteria = [new Criterion("relevance", "Relevance", null, 3, 10, levels)] });

        Assert.Equal(
            ["criteria[0].levels[0].score", "criteria[0].levels[2].score", "criteria[0].levels[3].description"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_MoreLevelsThanScores_NamesTheList()
    {
        var levels = Enumerable.Range(0, 4).Select(score => new ScoreLevel(score, $"Level {score}")).ToArray();

        Assert.Equal(["criteria[0].levels"], ErrorsOf(Valid() with { Criteria = [new Criterion("relevance", "Relevance", null, 3, 2, levels)] }).Keys);
    }
}
