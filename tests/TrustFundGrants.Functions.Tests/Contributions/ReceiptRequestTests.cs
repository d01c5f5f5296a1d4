using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Tests.Contributions;

public class ReceiptRequestTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static PledgeEntity Pledge(string currency = "EUR") => new()
    {
        PartitionKey = "p", Currency = currency, FundCurrency = "USD", PledgedMinorUnits = 100_000, ReceivedMinorUnits = 40_000,
    };

    [Fact]
    public void Validate_OtherCurrencyWithRate_ConvertsExactlyAndKeepsTheRateText()
    {
        var errors = new Dictionary<string, string[]>();

        var result = new ReceiptRequest(new AmountJson("10.00", "EUR"), "2025-05-01", "1.0835").Validate(Pledge(), Today, errors);

        Assert.Empty(errors);
        Assert.Equal(1084, result!.Value.FundAmount.MinorUnits);
        Assert.Equal("1.0835", result.Value.Rate);
    }

    [Theory]
    [InlineData(null, "exchangeRate")]
    [InlineData("0", "exchangeRate")]
    [InlineData("-2", "exchangeRate")]
    public void Validate_OtherCurrencyWithoutAPositiveRate_NamesExchangeRate(string? rate, string field)
    {
        var errors = new Dictionary<string, string[]>();

        Assert.Null(new ReceiptRequest(new AmountJson("10.00", "EUR"), "2025-05-01", rate).Validate(Pledge(), Today, errors));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Validate_MoreThanIsStillPledged_NamesTheAmountUnlessSaidSo()
    {
        var over = new Dictionary<string, string[]>();
        var said = new Dictionary<string, string[]>();

        new ReceiptRequest(new AmountJson("600.01", "USD"), "2025-05-01").Validate(Pledge("USD"), Today, over);
        new ReceiptRequest(new AmountJson("600.01", "USD"), "2025-05-01", ExceedsPledge: true).Validate(Pledge("USD"), Today, said);

        Assert.Contains("more than is still pledged", Assert.Single(over["amount.amount"]), StringComparison.Ordinal);
        Assert.Empty(said);
    }
}
