using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Tests.Organisations;

namespace TrustFundGrants.Functions.Tests.Reviews;

public sealed class ReviewerTiesTests
{
    private const string Email = "reviewer@example.org";
    private static readonly string ReviewerId = Guid.CreateVersion7().ToString();
    private static readonly string Declared = Guid.CreateVersion7().ToString();
    private static readonly string MemberOf = Guid.CreateVersion7().ToString();

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<TableClient> conflicts = new(MockBehavior.Strict);
    private readonly Mock<TableClient> users = new(MockBehavior.Strict);
    private readonly Mock<TableClient> reviewers = new(MockBehavior.Strict);
    private readonly Mock<TableClient> assignments = new(MockBehavior.Strict);

    public ReviewerTiesTests()
    {
        tables.Setup(t => t.GetTableClient(ReviewStores.ConflictsTable)).Returns(conflicts.Object);
        tables.Setup(t => t.GetTableClient(UserStore.Table)).Returns(users.Object);
        tables.Setup(t => t.GetTableClient(ReviewStores.ReviewersTable)).Returns(reviewers.Object);
        tables.Setup(t => t.GetTableClient(ReviewStores.AssignmentsTable)).Returns(assignments.Object);
    }

    private ReviewerTies Ties
    {
        get
        {
            var audit = MembershipDoubles.Audit(tables, clock);
            var revocations = new Support.SignedIn(tables, audit, clock).Revocations;
            return new(new ReviewStores(tables.Object), new UserStore(tables.Object, audit, revocations, clock), audit, clock);
        }
    }

    [Fact]
    public async Task OrganisationsOfAsync_UndeclaredMembership_CountsAsATie()
    {
        conflicts.Lists(new ConflictEntity { PartitionKey = ReviewerId, RowKey = Declared });
        users.Finds(EmailAddress.Key(Email), UserEntity.Row, new UserEntity { UserId = ReviewerId, Email = Email, OrganisationId = MemberOf });

        var tied = await Ties.OrganisationsOfAsync(ReviewerId, Email, CancellationToken.None);

        Assert.Equal(2, tied.Count);
        Assert.Contains(Declared, tied);
        Assert.Contains(MemberOf, tied);
    }

    [Fact]
    public async Task OrganisationsOfAsync_AnotherPersonsRowAtTheAddress_AddsNothing()
    {
        conflicts.Lists<ConflictEntity>();
        users.Finds(EmailAddress.Key(Email), UserEntity.Row, new UserEntity { UserId = Guid.CreateVersion7().ToString(), Email = Email, OrganisationId = MemberOf });

        Assert.Empty(await Ties.OrganisationsOfAsync(ReviewerId, Email, CancellationToken.None));
    }

    [Fact]
    public async Task WithdrawAsync_ActiveAssignmentWithADraft_IsRecusedAndConflictedUnderItsETagKeepingTheDraft()
    {
        var round = Guid.CreateVersion7().ToString();
        reviewers.Lists(new ReviewerEntity { PartitionKey = round, RowKey = ReviewerId });
        var active = new AssignmentEntity
        {
            PartitionKey = round, RowKey = "a|" + ReviewerId, ReviewerId = ReviewerId, OrganisationId = MemberOf,
            ReviewStatus = ReviewStatuses.Draft, Comments = "kept", ETag = new ETag("\"a\""),
        };
        var already = new AssignmentEntity { PartitionKey = round, RowKey = "b|" + ReviewerId, Conflicted = true, Recused = true, ETag = new ETag("\"b\"") };
        assignments.Lists(active, already);
        AssignmentEntity? written = null;
        assignments.SetupGet(t => t.Name).Returns(ReviewStores.AssignmentsTable);
        assignments.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) =>
            {
                var update = a.First();
                Assert.Equal(TableTransactionActionType.UpdateReplace, update.ActionType);
                Assert.Equal(new ETag("\"a\""), update.ETag);
                written = (AssignmentEntity)update.Entity;
            })
            .ReturnsAsync(MembershipDoubles.Committed(2));
        var reviewer = new TrustFundGrants.Functions.Platform.Auth.Caller(ReviewerId, Email, Email, ["Reviewer"], null, null);

        var withdrawn = await Ties.WithdrawAsync(reviewer, ReviewerId, MemberOf, CancellationToken.None);

        Assert.Equal(1, withdrawn);
        Assert.True(written!.Conflicted);
        Assert.True(written.Recused);
        Assert.Equal("kept", written.Comments);
        Assert.Equal(ReviewStatuses.Draft, written.ReviewStatus);
        assignments.Verify(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
