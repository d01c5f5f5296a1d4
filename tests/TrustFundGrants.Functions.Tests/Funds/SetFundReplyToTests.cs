using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Funds;

/// <summary>Issue 13.3: the fund's reply-to is a validated address, changed only under the ETag the Secretariat read.</summary>
public sealed class SetFundReplyToTests
{
    private const string FundId = "0195a1b2-0000-7000-8000-0000000000f1";

    private static readonly Caller Secretariat = new("sec-1", "maria@fund.example", "Maria", [Roles.Secretariat], null, null);

    private readonly FeatureDoubles doubles = new();
    private readonly Mock<TableClient> funds;

    public SetFundReplyToTests() => funds = doubles.Table(FundStore.Table);

    private SetFundReplyTo Function => new(doubles.Access, new FundStore(doubles.TableService.Object), doubles.Audit);

    [Fact]
    public async Task Run_ValidAddressUnderTheReadETag_StoresItNormalisedWithItsAudit()
    {
        Holds();
        var committed = Commits();

        using var result = await RunAsync(new { replyTo = "Grants@Fund.Example" }, FeatureDoubles.ReadETag.ToString());

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("grants@fund.example", result.Root.GetProperty("replyTo").GetString());
        var fund = Assert.IsType<FundEntity>(committed[0].Entity);
        Assert.Equal(TableTransactionActionType.UpdateReplace, committed[0].ActionType);
        Assert.Equal(FeatureDoubles.ReadETag, committed[0].ETag);
        Assert.Equal("grants@fund.example", fund.ReplyTo);
        Assert.Equal(["fund.reply-to-set"], FeatureDoubles.AuditedActions(committed));
    }

    [Fact]
    public async Task Run_NotAnAddress_Gets400NamingTheFieldAndReadsNothing()
    {
        using var result = await RunAsync(new { replyTo = "the secretariat" }, FeatureDoubles.ReadETag.ToString());

        Assert.Equal(400, result.StatusCode);
        Assert.True(result.Root.GetProperty("errors").TryGetProperty("replyTo", out _));
        funds.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_WithoutIfMatch_Gets428()
    {
        using var result = await RunAsync(new { replyTo = "grants@fund.example" }, null);

        Assert.Equal(428, result.StatusCode);
        funds.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_StaleETag_Gets412AndWritesNothing()
    {
        Holds();

        using var result = await RunAsync(new { replyTo = "grants@fund.example" }, "W/\"older\"");

        Assert.Equal(412, result.StatusCode);
        funds.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Run_Null_RemovesTheReplyTo()
    {
        Holds("old@fund.example");
        var committed = Commits();

        using var result = await RunAsync(new { replyTo = (string?)null }, FeatureDoubles.ReadETag.ToString());

        Assert.Equal(200, result.StatusCode);
        Assert.Null(Assert.IsType<FundEntity>(committed[0].Entity).ReplyTo);
    }

    /// <summary>Every action the funds table commits; each transaction answers one response per action, as storage does.</summary>
    private List<TableTransactionAction> Commits()
    {
        var actions = new List<TableTransactionAction>();
        funds.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> batch, CancellationToken _) => actions.AddRange(batch))
            .ReturnsAsync(() => Organisations.MembershipDoubles.Committed(actions.Count));
        return actions;
    }

    private void Holds(string? replyTo = null) =>
        funds.Setup(t => t.GetEntityIfExistsAsync<FundEntity>(FundEntity.Partition, FundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Found(new FundEntity { RowKey = FundId, Name = "Trust Fund", Currency = "USD", ReplyTo = replyTo, ETag = FeatureDoubles.ReadETag }));

    private async Task<ExecutedResult> RunAsync(object body, string? ifMatch)
    {
        var request = doubles.Request(Secretariat, "PUT", body);
        if (ifMatch is not null)
        {
            request.Headers.IfMatch = ifMatch;
        }

        return await ExecutedResult.ExecuteAsync(await Function.Run(request, FundId, CancellationToken.None));
    }
}
