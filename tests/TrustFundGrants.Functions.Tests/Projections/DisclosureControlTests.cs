using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Tests.Projections;

/// <summary>Disclosure:Threshold as the app reads it: a fund may raise k, and a k below 5 stops the host at start.</summary>
public class DisclosureControlTests
{
    [Fact]
    public void AddProjections_ThresholdBelowFive_RefusesToStart()
    {
        using var services = Services("4");

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("never below 5", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddProjections_ThresholdRaisedToTwenty_HidesACountOfFifteenOutsideTheSecretariatOnly()
    {
        using var services = Services("20");
        services.GetRequiredService<IStartupValidator>().Validate();
        var control = services.GetRequiredService<DisclosureControl>();
        var table = new CountTable(["female", "male"], ["forced-labour", "sexual-exploitation"], new long[,] { { 15, 40 }, { 50, 60 } });

        var outside = control.Table(table, secretariat: false);
        var secretariat = control.Table(table, secretariat: true);

        Assert.Equal(20, outside.SuppressedBelow);
        Assert.Null(outside.Cells[0][0]);
        Assert.DoesNotContain(outside.Cells.SelectMany(r => r).Concat(outside.RowTotals).Concat(outside.ColumnTotals), v => v is > 0 and < 20);
        Assert.Equal(15, secretariat.Cells[0][0]);
        Assert.Null(secretariat.SuppressedBelow);
    }

    [Fact]
    public void AddProjections_NoThresholdConfigured_IsEleven()
    {
        using var services = Services(null);

        Assert.Equal(DisclosureThreshold.Default, services.GetRequiredService<DisclosureControl>().Threshold.K);
    }

    private static ServiceProvider Services(string? threshold)
    {
        var settings = threshold is null ? [] : new Dictionary<string, string?> { ["Disclosure:Threshold"] = threshold };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddProjections(configuration).BuildServiceProvider();
    }
}
