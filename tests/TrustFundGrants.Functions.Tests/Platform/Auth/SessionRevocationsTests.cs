using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Platform.Auth;

public sealed class SessionRevocationsTests
{
    private readonly IdentityDoubles doubles = new();
    private readonly List<string> calls = [];

    private static Caller Session(string sessionId = "s-1", long generation = 0) =>
        new("user-1", "ngo@example.org", "ngo@example.org", [], null, null, sessionId, generation);

    [Fact]
    public async Task HasEndedAsync_FirstCall_WaitsForOneReadOfWhatHasEnded()
    {
        doubles.EndedSessions(calls, Ended("s-1"));

        Assert.True(await doubles.Revocations.HasEndedAsync(Session("s-1"), CancellationToken.None));
        Assert.False(await doubles.Revocations.HasEndedAsync(Session("s-2"), CancellationToken.None));
        Assert.Equal(["read ended"], calls);
    }

    [Fact]
    public async Task HasEndedAsync_WithinTwentySeconds_ReadsNothing()
    {
        doubles.EndedSessions(calls);
        await doubles.Revocations.HasEndedAsync(Session(), CancellationToken.None);

        doubles.Clock.Advance(TimeSpan.FromSeconds(20));
        var result = doubles.Revocations.HasEndedAsync(Session(), CancellationToken.None);

        Assert.True(result.IsCompletedSuccessfully);
        Assert.Single(calls);
    }

    [Fact]
    public async Task HasEndedAsync_AfterTwentySeconds_AnswersAtOnceAndRefreshesBehind()
    {
        doubles.EndedSessions(calls);
        await doubles.Revocations.HasEndedAsync(Session(), CancellationToken.None);

        doubles.Clock.Advance(TimeSpan.FromSeconds(21));
        var result = doubles.Revocations.HasEndedAsync(Session(), CancellationToken.None);

        Assert.True(result.IsCompletedSuccessfully);
        await Task.Delay(50);
        Assert.Equal(2, calls.Count);
    }

    /// <summary>The stated bound: an ending written by another instance is refused here within 60 seconds.</summary>
    [Fact]
    public async Task HasEndedAsync_EndedElsewhere_IsRefusedOnceSixtySecondsHavePassed()
    {
        var rows = new List<TableEntity>();
        doubles.Table(SessionRevocations.Table).Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(() => AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues(rows.ToArray(), null, Mock.Of<Response>())]));
        Assert.False(await doubles.Revocations.HasEndedAsync(Session("s-1"), CancellationToken.None));

        rows.Add(Ended("s-1"));
        doubles.Clock.Advance(TimeSpan.FromSeconds(60) + TimeSpan.FromTicks(1));

        Assert.True(await doubles.Revocations.HasEndedAsync(Session("s-1"), CancellationToken.None));
    }

    [Fact]
    public async Task HasEndedAsync_TooOldAndStorageDown_RefusesToGuess()
    {
        doubles.Table(SessionRevocations.Table).Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Throws(new RequestFailedException(503, "down"));

        await Assert.ThrowsAsync<EndedSessionsUnavailableException>(() => doubles.Revocations.HasEndedAsync(Session(), CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task EndSessionAsync_RefusesTheSessionOnThisInstanceAtOnce()
    {
        doubles.EndedSessions(calls);
        var written = doubles.AcceptEndings(calls);
        await doubles.Revocations.HasEndedAsync(Session("s-1"), CancellationToken.None);

        await doubles.Revocations.EndSessionAsync(Session("s-1"), doubles.Audit.Stage(SessionRevocations.Partition, Session("s-1"), "user.signed-out", "user:user-1", null, null), CancellationToken.None);

        Assert.True(await doubles.Revocations.HasEndedAsync(Session("s-1"), CancellationToken.None));
        Assert.Equal("s-1", Assert.Single(written).GetString("SessionId"));
        Assert.Single(doubles.Staged);
        Assert.Equal(["read ended", "end sessions"], calls);
    }

    [Fact]
    public async Task EndSessionsBelowAsync_RefusesOlderGenerationsOnly()
    {
        doubles.EndedSessions(calls);
        doubles.AcceptEndings(calls);

        await doubles.Revocations.EndSessionsBelowAsync("user-1", 3, CancellationToken.None);

        Assert.True(await doubles.Revocations.HasEndedAsync(Session("a", 2), CancellationToken.None));
        Assert.False(await doubles.Revocations.HasEndedAsync(Session("b", 3), CancellationToken.None));
        Assert.Equal(3, doubles.Revocations.ValidGenerationFor("user-1"));
    }

    [Fact]
    public async Task Rows_ExpireAfterEveryTokenTheyCouldRefuse()
    {
        var written = doubles.AcceptEndings();

        await doubles.Revocations.EndSessionsBelowAsync("user-1", 1, CancellationToken.None);

        var expires = written[0].GetDateTimeOffset("ExpiresAt");
        Assert.True(expires >= IdentityDoubles.Now + TimeSpan.FromHours(8) + TimeSpan.FromSeconds(60));
    }

    private static TableEntity Ended(string sessionId) => new("end", "0638999999999999999-x")
    {
        ["SessionId"] = sessionId,
        ["UserId"] = "user-1",
        ["ExpiresAt"] = IdentityDoubles.Now + TimeSpan.FromHours(9),
    };
}
