using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Organisations;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Rounds;

/// <summary>MoveRoundDeadline and CloseRound: the deadline moves only forward of now, only while the round takes applications, under the read's ETag and audited.</summary>
public sealed class RoundDeadlineFunctionTests
{
    private readonly FeatureDoubles doubles = new();

    private RoundStore Store => new(doubles.TableService.Object, doubles.Time);

    /// <summary>The round's transactions, each answered with one response per action.</summary>
    private List<TableTransactionAction> Commits()
    {
        var actions = new List<TableTransactionAction>();
        doubles.Table(RoundStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<TableTransactionAction> batch, CancellationToken _) => actions.AddRange(batch))
            .ReturnsAsync(MembershipDoubles.Committed(2));
        doubles.ReleasesPointers();
        return actions;
    }

    private async Task<ExecutedResult> MoveAsync(Caller caller, DateTimeOffset closesAt, bool ifMatch = true)
    {
        var request = doubles.Request(caller, "PUT", new { closesAt });
        if (ifMatch)
        {
            request.Headers.IfMatch = ReadETag.ToString();
        }

        return await ExecutedResult.ExecuteAsync(await new MoveRoundDeadline(doubles.Access, Store, doubles.Audit, doubles.Time).Run(request, RoundId, CancellationToken.None));
    }

    private async Task<ExecutedResult> CloseAsync(Caller caller)
    {
        var request = doubles.Request(caller);
        request.Headers.IfMatch = ReadETag.ToString();
        return await ExecutedResult.ExecuteAsync(await new CloseRound(doubles.Access, Store, doubles.Audit, doubles.Time).Run(request, RoundId, CancellationToken.None));
    }

    private static RoundEntity Written(List<TableTransactionAction> actions)
    {
        var action = Assert.Single(actions, a => a.Entity is RoundEntity);
        Assert.Equal((TableTransactionActionType.UpdateReplace, ReadETag), (action.ActionType, action.ETag));
        return (RoundEntity)action.Entity;
    }

    [Fact]
    public async Task Move_OpenRoundExtended_WritesTheNewDeadlineUnderTheReadETagAndAudits()
    {
        doubles.Holds(Round());
        var actions = Commits();

        using var result = await MoveAsync(Secretariat, Now.AddDays(15));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Now.AddDays(15), Written(actions).ClosesAt);
        Assert.Equal(["round.deadline-moved"], AuditedActions(actions));
        Assert.Equal("Open", result.Root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Move_EarlierThanNow_Is400NamingClosesAtAndWritesNothing()
    {
        doubles.Holds(Round());

        using var result = await MoveAsync(Secretariat, Now.AddMinutes(-5));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal([RoundDeadline.Passed], result.ErrorsFor("closesAt"));
        doubles.Table(RoundStore.Table).Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Move_OnOrAfterTheReviewDueDate_Is400()
    {
        var round = Round();
        round.ReviewDueAt = Now.AddDays(20);
        doubles.Holds(round);

        using var result = await MoveAsync(Secretariat, Now.AddDays(21));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal([RoundDeadline.AfterReviewsDue], result.ErrorsFor("closesAt"));
    }

    [Fact]
    public async Task Move_ClosedRound_Is409()
    {
        doubles.Holds(Round(closesAt: Now.AddHours(-1)));

        using var result = await MoveAsync(Secretariat, Now.AddDays(7));

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Move_WithoutIfMatch_Is428BeforeAnyRead()
    {
        using var result = await MoveAsync(Secretariat, Now.AddDays(7), ifMatch: false);

        Assert.Equal(428, result.StatusCode);
    }

    [Fact]
    public async Task Move_ByAReviewer_Is403BeforeAnyRead()
    {
        using var result = await MoveAsync(Reviewer, Now.AddDays(7));

        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task Move_RoundChangedSinceRead_Is412()
    {
        doubles.Holds(Round());
        doubles.Table(RoundStore.Table)
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await MoveAsync(Secretariat, Now.AddDays(7));

        Assert.Equal(412, result.StatusCode);
    }

    [Fact]
    public async Task Close_OpenRound_SetsTheDeadlineToNowAndAudits()
    {
        doubles.Holds(Round());
        var actions = Commits();

        using var result = await CloseAsync(Secretariat);

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(Now, Written(actions).ClosesAt);
        Assert.Equal(["round.closed-early"], AuditedActions(actions));
        Assert.Equal("Closed", result.Root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_UpcomingRound_Is409AndWritesNothing()
    {
        var round = Round();
        round.OpensAt = Now.AddDays(1);
        round.ClosesAt = Now.AddDays(30);
        doubles.Holds(round);

        using var result = await CloseAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
        Assert.Equal(RoundDeadline.NotOpen, result.Root.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Close_AlreadyClosed_Is409()
    {
        doubles.Holds(Round(closesAt: Now.AddMinutes(-1)));

        using var result = await CloseAsync(Secretariat);

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task TermsAsync_AfterADeadlineMoveInAnotherProcess_SeesItOnceFreshHasPassed()
    {
        var round = Round();
        round.OpensAt = Now.AddDays(-10);
        var moved = Round(closesAt: Now.AddDays(9));
        doubles.Table(RoundStore.Table)
            .SetupSequence(t => t.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, RoundId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(round))
            .ReturnsAsync(Found(moved));
        var store = Store;

        var first = await store.TermsAsync(RoundId, CancellationToken.None);
        doubles.Time.Advance(RoundStore.Fresh - TimeSpan.FromSeconds(1));
        var cached = await store.TermsAsync(RoundId, CancellationToken.None);
        doubles.Time.Advance(TimeSpan.FromSeconds(1));
        var reread = await store.TermsAsync(RoundId, CancellationToken.None);

        Assert.Same(first, cached);
        Assert.Equal(Now.AddDays(9), reread!.ClosesAt);
    }
}
