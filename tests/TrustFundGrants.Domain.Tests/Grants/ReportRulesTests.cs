namespace TrustFundGrants.Domain.Tests.Grants;

public sealed class ReportRulesTests
{
    [Theory]
    [InlineData("Write to maria.lopez@example.org for details.")]
    [InlineData("Contact maria (at) example.org")]
    [InlineData("Call +52 664 123 4567 any time.")]
    [InlineData("Her number is 0664-123-4567.")]
    [InlineData("Phone 66412345.")]
    [InlineData("Call (664) 123.4567")]
    public void Check_TextWithContactDetails_Refused(string text) => Assert.NotNull(NarrativeGuard.Check(text));

    [Theory]
    [InlineData("In 2025 120 women received shelter; 45,000.00 USD was spent.")]
    [InlineData("Activities ran from 2027-01-15 to 2027-06-30 in three cities.")]
    [InlineData("We trained 1200 staff.")]
    [InlineData(null)]
    public void Check_OrdinaryNarrative_Allowed(string? text) => Assert.Null(NarrativeGuard.Check(text));

    [Fact]
    public void PeopleAssisted_NegativeUnknownOrRepeated_ErrorsNameTheCell()
    {
        var errors = new Dictionary<string, string[]>();

        PeopleAssisted.Check(
            [
                new("female", "18-plus", "forced-labour", 12),
                new("female", "18-plus", "forced-labour", 3),
                new("female", "adult", "forced-labour", 3),
                new("male", "under-18", "forced-labour", -1),
            ],
            [new("shelter", 4), new("banking", 1), new("legal", -2)],
            errors);

        Assert.Equal(
            ["assistance[1].type", "assistance[2].count", "peopleAssisted[1]", "peopleAssisted[2].ageGroup", "peopleAssisted[3].count"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Expenditure_OverByMoreThanTenPercentWithoutExplanation_ErrorOnExplanation()
    {
        var errors = new Dictionary<string, string[]>();

        Expenditure.Check([100_000, 50_000], [60_000, 0], [new(0, 50_001, null), new(1, 55_000, null)], errors);

        Assert.Equal(["expenditure[0].explanation"], errors.Keys);
    }

    [Fact]
    public void Expenditure_LineNotInTheBudget_ErrorOnLine()
    {
        var errors = new Dictionary<string, string[]>();

        Expenditure.Check([100_000], [0], [new(1, 5, null), new(0, -1, null)], errors);

        Assert.Equal(["expenditure[0].line", "expenditure[1].actual"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
