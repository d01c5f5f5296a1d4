using Azure;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;
using TrustFundGrants.Functions.Users;

namespace TrustFundGrants.Functions.Tests.Users;

public sealed class UserAccessTests
{
    private static readonly Caller Secretariat = new("user-admin", "admin@fund.example", "admin@fund.example", [Roles.Secretariat], null, null);

    private readonly IdentityDoubles doubles = new();
    private readonly List<string> calls = [];

    public UserAccessTests() => doubles.EndedSessions(calls);

    private string Admin => doubles.Bearer(Secretariat);

    [Fact]
    public async Task RemoveUserRole_Reviewer_EndsSessionsBeforeTheRoleIsRemoved()
    {
        var reviewer = IdentityDoubles.User("rev@example.org", Roles.Reviewer);
        doubles.HoldUser(reviewer);
        var ended = doubles.AcceptEndings(calls);
        var updated = doubles.AcceptUserUpdates(calls);

        using var result = await ExecutedResult.ExecuteAsync(await new RemoveUserRole(doubles.Access, doubles.Users, doubles.Audit)
            .Run(IdentityDoubles.Request("""{"email":"Rev@Example.org","role":"reviewer"}""", Admin), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(0, result.Root.GetProperty("roles").GetArrayLength());
        Assert.Equal(["read ended", "end sessions", "update user"], calls);
        Assert.Equal(1, Assert.Single(ended).GetInt64("Generation"));
        Assert.Equal((string.Empty, 1L), (Assert.Single(updated).Roles, updated[0].SessionGeneration));
        Assert.Contains("user.role-removed", Assert.Single(doubles.Staged).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveUserRole_UpdateRacedBySignIn_EndsAgainAndRetriesUnderTheNewETag()
    {
        var reviewer = IdentityDoubles.User("rev@example.org", Roles.Reviewer);
        doubles.HoldUser(reviewer);
        var ended = doubles.AcceptEndings(calls);
        var users = doubles.Table(UserStore.Table);
        users.SetupGet(t => t.Name).Returns(UserStore.Table);
        users.SetupSequence(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<Azure.Data.Tables.TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(412, "changed"))
            .ReturnsAsync(IdentityDoubles.Committed(2));

        using var result = await ExecutedResult.ExecuteAsync(await new RemoveUserRole(doubles.Access, doubles.Users, doubles.Audit)
            .Run(IdentityDoubles.Request("""{"email":"rev@example.org","role":"Reviewer"}""", Admin), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(2, ended.Count);
    }

    [Theory]
    [InlineData("""{"email":"rev@example.org","role":"Applicant"}""", "role")]
    [InlineData("""{"email":"nope","role":"Reviewer"}""", "email")]
    [InlineData("""{"email":"rev@example.org","role":"Reviewer","admin":true}""", "admin")]
    public async Task RemoveUserRole_BadInput_Gets400NamingTheFieldAndChangesNothing(string json, string field)
    {
        using var result = await ExecutedResult.ExecuteAsync(await new RemoveUserRole(doubles.Access, doubles.Users, doubles.Audit)
            .Run(IdentityDoubles.Request(json, Admin), CancellationToken.None));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(field, result.ErrorKeys);
        Assert.Equal(["read ended"], calls);
    }

    [Fact]
    public async Task RemoveUserRole_NotSecretariat_Gets403AndChangesNothing()
    {
        var reviewer = doubles.Bearer(Secretariat with { Roles = [Roles.Reviewer] });

        using var result = await ExecutedResult.ExecuteAsync(await new RemoveUserRole(doubles.Access, doubles.Users, doubles.Audit)
            .Run(IdentityDoubles.Request("""{"email":"rev@example.org","role":"Reviewer"}""", reviewer), CancellationToken.None));

        Assert.Equal(403, result.StatusCode);
        Assert.Equal(["read ended"], calls);
    }

    [Fact]
    public async Task DeactivateUser_Person_EndsSessionsAndMarksThemDeactivated()
    {
        doubles.HoldUser(IdentityDoubles.User("ngo@example.org", Roles.Applicant));
        doubles.AcceptEndings(calls);
        var updated = doubles.AcceptUserUpdates(calls);

        using var result = await ExecutedResult.ExecuteAsync(await new DeactivateUser(doubles.Access, doubles.Users, doubles.Audit, doubles.Clock)
            .Run(IdentityDoubles.Request("""{"email":"ngo@example.org"}""", Admin), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.True(result.Root.GetProperty("deactivated").GetBoolean());
        Assert.Equal(IdentityDoubles.Now, Assert.Single(updated).DeactivatedAt);
        Assert.Equal(["read ended", "end sessions", "update user"], calls);
    }

    [Fact]
    public async Task DeactivateUser_Themselves_Gets409AndChangesNothing()
    {
        using var result = await ExecutedResult.ExecuteAsync(await new DeactivateUser(doubles.Access, doubles.Users, doubles.Audit, doubles.Clock)
            .Run(IdentityDoubles.Request("""{"email":"ADMIN@fund.example"}""", Admin), CancellationToken.None));

        Assert.Equal(409, result.StatusCode);
        Assert.Equal(["read ended"], calls);
    }

    [Fact]
    public async Task DeactivateUser_UnknownAddress_Gets404AndEndsNothing()
    {
        doubles.HoldNoUser("ghost@example.org");

        using var result = await ExecutedResult.ExecuteAsync(await new DeactivateUser(doubles.Access, doubles.Users, doubles.Audit, doubles.Clock)
            .Run(IdentityDoubles.Request("""{"email":"ghost@example.org"}""", Admin), CancellationToken.None));

        Assert.Equal(404, result.StatusCode);
        Assert.Equal(["read ended"], calls);
    }

    [Fact]
    public async Task ReactivateUser_Deactivated_ClearsTheMark()
    {
        var user = IdentityDoubles.User("ngo@example.org");
        user.DeactivatedAt = IdentityDoubles.Now.AddDays(-1);
        doubles.HoldUser(user);
        doubles.AcceptEndings(calls);
        var updated = doubles.AcceptUserUpdates(calls);

        using var result = await ExecutedResult.ExecuteAsync(await new ReactivateUser(doubles.Access, doubles.Users, doubles.Audit)
            .Run(IdentityDoubles.Request("""{"email":"ngo@example.org"}""", Admin), CancellationToken.None));

        Assert.Equal(200, result.StatusCode);
        Assert.False(result.Root.GetProperty("deactivated").GetBoolean());
        Assert.Null(Assert.Single(updated).DeactivatedAt);
    }
}
