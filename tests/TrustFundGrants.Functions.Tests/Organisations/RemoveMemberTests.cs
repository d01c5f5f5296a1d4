using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Organisations;

public sealed class RemoveMemberTests
{
    private static readonly string OrganisationId = Guid.CreateVersion7().ToString();

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<TableClient> organisations = new(MockBehavior.Strict);
    private readonly Caller founder = new(Guid.CreateVersion7().ToString(), "founder@example.org", "Founder", [Roles.Applicant], OrganisationId, null);
    private readonly Caller colleague = new(Guid.CreateVersion7().ToString(), "colleague@example.org", "Colleague", [Roles.Applicant], OrganisationId, null);

    public RemoveMemberTests()
    {
        tables.Setup(t => t.GetTableClient(OrganisationStore.Table)).Returns(organisations.Object);
        organisations.SetupGet(t => t.Name).Returns(OrganisationStore.Table);
    }

    [Fact]
    public async Task Run_TheLastMemberLeaving_Gets409AndCommitsNothing()
    {
        var only = Member(founder);
        organisations.Finds(OrganisationId, only.RowKey, only);
        organisations.Finds(OrganisationId, RosterEntity.Row, new RosterEntity { PartitionKey = OrganisationId, ETag = new ETag("\"r\"") });
        organisations.Lists(only);

        using var result = await RunAsync(founder, founder.UserId);

        Assert.Equal(409, result.StatusCode);
        organisations.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);
        tables.Verify(t => t.GetTableClient(UserStore.Table), Times.Never);
    }

    [Fact]
    public async Task Run_MembersChangedSinceTheRosterWasRead_Gets409AndLeavesTheUserAlone()
    {
        var target = Member(founder);
        organisations.Finds(OrganisationId, target.RowKey, target);
        organisations.Finds(OrganisationId, RosterEntity.Row, new RosterEntity { PartitionKey = OrganisationId, ETag = new ETag("\"r\"") });
        organisations.Lists(target, Member(colleague));
        organisations.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TableTransactionFailedException(new RequestFailedException(412, "roster changed")));

        using var result = await RunAsync(colleague, founder.UserId);

        Assert.Equal(409, result.StatusCode);
        tables.Verify(t => t.GetTableClient(UserStore.Table), Times.Never);
    }

    [Fact]
    public async Task Run_ByAnOutsider_Gets404AndReadsNothing()
    {
        var outsider = colleague with { OrganisationId = Guid.CreateVersion7().ToString() };

        using var result = await RunAsync(outsider, founder.UserId);

        Assert.Equal(404, result.StatusCode);
        tables.Verify(t => t.GetTableClient(OrganisationStore.Table), Times.Never);
    }

    [Fact]
    public async Task Run_AnotherMember_CommitsTheRosterAndTheDeletionTogetherUnderTheirETags()
    {
        var target = Member(founder);
        var roster = new RosterEntity { PartitionKey = OrganisationId, ETag = new ETag("\"r\"") };
        organisations.Finds(OrganisationId, target.RowKey, target);
        organisations.Finds(OrganisationId, RosterEntity.Row, roster);
        organisations.Lists(target, Member(colleague));
        List<TableTransactionAction>? committed = null;
        organisations.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) => committed = a.ToList())
            .ReturnsAsync(MembershipDoubles.Committed(3));
        var users = new Mock<TableClient>(MockBehavior.Strict);
        tables.Setup(t => t.GetTableClient(UserStore.Table)).Returns(users.Object);
        users.SetupGet(t => t.Name).Returns(UserStore.Table);
        var user = new UserEntity { PartitionKey = EmailAddress.Key(founder.Email), UserId = founder.UserId, Email = founder.Email, Roles = "Applicant Reviewer", OrganisationId = OrganisationId, ETag = new ETag("\"u\"") };
        users.Finds(user.PartitionKey, UserEntity.Row, user);
        List<TableTransactionAction>? userChange = null;
        users.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) => userChange = a.ToList())
            .ReturnsAsync(MembershipDoubles.Committed(2));
        TableEntity? ending = null;

        using var result = await RunAsync(colleague, founder.UserId, signedIn =>
            signedIn.Ended.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
                .Callback<TableEntity, CancellationToken>((e, _) => ending = e)
                .ReturnsAsync(Mock.Of<Response>()));

        Assert.Equal(204, result.StatusCode);
        Assert.Equal(3, committed!.Count);
        Assert.Contains(committed, a => a.Entity is TrustFundGrants.Functions.Platform.Outbox.OutboxEntry);
        Assert.Contains(committed, a => a.ActionType == TableTransactionActionType.UpdateReplace && a.Entity is RosterEntity && a.ETag == roster.ETag);
        Assert.Contains(committed, a => a.ActionType == TableTransactionActionType.Delete && a.Entity == target && a.ETag == target.ETag);
        var released = Assert.IsType<UserEntity>(Assert.Single(userChange!, a => a.Entity is UserEntity).Entity);
        Assert.Null(released.OrganisationId);
        Assert.Equal("Reviewer", released.Roles);
        // The removed person's sessions end with the removal, and the user change carries its own audit entry.
        Assert.Equal(founder.UserId, ending!.GetString("UserId"));
        Assert.Equal(released.SessionGeneration, ending.GetInt64("Generation"));
        Assert.Contains(userChange!, a => a.Entity is TrustFundGrants.Functions.Platform.Outbox.OutboxEntry);
    }

    private static MemberEntity Member(Caller who) => new()
    {
        PartitionKey = OrganisationId, RowKey = MemberEntity.RowKeyFor(who.UserId), UserId = who.UserId, Email = who.Email, ETag = new ETag("\"m-" + who.UserId + "\""),
    };

    private async Task<ExecutedResult> RunAsync(Caller caller, string userId, Action<SignedIn>? arrange = null)
    {
        var audit = MembershipDoubles.Audit(tables, clock);
        var signedIn = new SignedIn(tables, audit, clock);
        arrange?.Invoke(signedIn);
        var memberships = new MembershipStore(new OrganisationStore(tables.Object), MembershipDoubles.Outbox(), audit);
        var users = new UserStore(tables.Object, audit, signedIn.Revocations, clock);
        var changes = new MembershipChanges(memberships, users, new ReviewerTies(new ReviewStores(tables.Object), users, audit, clock), audit, clock);
        var function = new RemoveMember(signedIn.Access, memberships, changes, signedIn.Tokens);
        var request = signedIn.Request(caller, "DELETE");
        var result = await function.Run(request, OrganisationId, userId, CancellationToken.None);
        return await ExecutedResult.ExecuteAsync(result);
    }
}
