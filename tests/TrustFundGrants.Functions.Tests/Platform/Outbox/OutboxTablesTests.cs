using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

public sealed class OutboxTablesTests
{
    [Fact]
    public void Names_SameTableRegisteredTwice_ListedOnce()
    {
        var tables = new OutboxTables([new OutboxTable("applications"), new OutboxTable("grants"), new OutboxTable("applications")]);

        Assert.Equal(["applications", "grants"], tables.Names);
    }

    [Theory]
    [InlineData("applications", true)]
    [InlineData("Applications", false)]
    [InlineData("rounds", false)]
    [InlineData("", false)]
    public void Contains_Name_OnlyExactRegisteredNames(string name, bool expected)
    {
        var tables = new OutboxTables([new OutboxTable("applications")]);

        Assert.Equal(expected, tables.Contains(name));
    }
}
