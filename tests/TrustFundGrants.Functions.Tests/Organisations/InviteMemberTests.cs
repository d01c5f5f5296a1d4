using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Organisations;

public sealed class InviteMemberTests
{
    private const string Address = "colleague@example.org";
    private static readonly string OrganisationId = Guid.CreateVersion7().ToString();
    private static readonly string InvitationRow = InvitationEntity.RowKeyFor(EmailAddress.Key(Address));

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<TableClient> organisations = new(MockBehavior.Strict);
    private readonly Mock<TableClient> limits = new(MockBehavior.Strict);
    private readonly Mock<IEmailSender> email = new(MockBehavior.Strict);
    private readonly Caller member = new(Guid.CreateVersion7().ToString(), "founder@example.org", "Founder", [Roles.Applicant], OrganisationId, null);

    public InviteMemberTests()
    {
        tables.Setup(t => t.GetTableClient(OrganisationStore.Table)).Returns(organisations.Object);
        organisations.SetupGet(t => t.Name).Returns(OrganisationStore.Table);
        organisations.Finds(OrganisationId, OrganisationEntity.Row, MembershipDoubles.Organisation(OrganisationId, "Safe Harbour\r\nBcc: everyone@example.org"));
        organisations.Lists<MemberEntity>();
    }

    [Fact]
    public async Task Run_RepeatedWithinADay_AnswersTheSameAndSendsAndWritesNothing()
    {
        organisations.Finds(OrganisationId, InvitationRow, Invitation(emailedAt: clock.GetUtcNow() - TimeSpan.FromHours(2)));

        using var result = await RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(Address, result.Root.GetProperty("email").GetString());
        email.VerifyNoOtherCalls();
        tables.Verify(t => t.GetTableClient(RateLimiter.Table), Times.Never);
    }

    [Fact]
    public async Task Run_NewAddress_SavesTheInvitationAndSendsOneOneLineEmail()
    {
        organisations.Finds<InvitationEntity>(OrganisationId, InvitationRow, null);
        LimitsAllow();
        InvitationEntity? saved = null;
        organisations.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) => saved = AuditedInvitation(a))
            .ReturnsAsync(MembershipDoubles.Committed(2));
        EmailMessage? sent = null;
        email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Callback<EmailMessage, CancellationToken>((m, _) => sent = m).Returns(Task.CompletedTask);

        using var result = await RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Equal(Address, saved!.Email);
        Assert.Equal(clock.GetUtcNow() + InviteMember.Lifetime, saved.ExpiresAt);
        Assert.Equal(clock.GetUtcNow(), saved.EmailedAt);
        Assert.Equal("Invitation to join Safe Harbour Bcc: everyone@example.org on TrustFundGrants", sent!.Subject);
        email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Run_AddressEmailedTooOftenToday_SavesTheInvitationButSendsNothing()
    {
        organisations.Finds<InvitationEntity>(OrganisationId, InvitationRow, null);
        LimitsAllow(addressCount: InviteMember.EmailsPerAddressPerDay);
        InvitationEntity? saved = null;
        organisations.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) => saved = AuditedInvitation(a))
            .ReturnsAsync(MembershipDoubles.Committed(2));

        using var result = await RunAsync();

        Assert.Equal(202, result.StatusCode);
        Assert.Null(saved!.EmailedAt);
        email.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_ByAMemberOfAnotherOrganisation_Gets404AndReadsNothing()
    {
        var outsider = member with { OrganisationId = Guid.CreateVersion7().ToString() };

        using var result = await RunAsync(outsider);

        Assert.Equal(404, result.StatusCode);
        tables.Verify(t => t.GetTableClient(OrganisationStore.Table), Times.Never);
    }

    private InvitationEntity Invitation(DateTimeOffset? emailedAt) => new()
    {
        PartitionKey = OrganisationId, RowKey = InvitationRow, Email = Address, EmailedAt = emailedAt,
        InvitedAt = clock.GetUtcNow() - TimeSpan.FromHours(2), ExpiresAt = clock.GetUtcNow() + TimeSpan.FromDays(13), ETag = new ETag("\"i\""),
    };

    private void LimitsAllow(int addressCount = 0)
    {
        tables.Setup(t => t.GetTableClient(RateLimiter.Table)).Returns(limits.Object);
        limits.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.Is<string>(k => k.StartsWith("invite-org-", StringComparison.Ordinal)), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Mock.Of<NullableResponse<TableEntity>>(r => r.HasValue == false));
        var counted = RateLimitRows.Attempts("invite-address", addressCount, clock.GetUtcNow());
        limits.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.Is<string>(k => k.StartsWith("invite-address-", StringComparison.Ordinal)), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(addressCount == 0 ? Mock.Of<NullableResponse<TableEntity>>(r => r.HasValue == false) : Response.FromValue(counted, Mock.Of<Response>()));
        limits.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<Response>());
    }

    /// <summary>The invitation of a transaction that also stages its audit entry (an outbox row in the same partition).</summary>
    private static InvitationEntity AuditedInvitation(IEnumerable<TableTransactionAction> actions)
    {
        var list = actions.ToList();
        Assert.Equal(2, list.Count);
        Assert.IsType<TrustFundGrants.Functions.Platform.Outbox.OutboxEntry>(list[1].Entity);
        Assert.Equal(OrganisationId, list[1].Entity.PartitionKey);
        return Assert.IsType<InvitationEntity>(list[0].Entity);
    }

    private async Task<ExecutedResult> RunAsync(Caller? caller = null)
    {
        var store = new OrganisationStore(tables.Object);
        var audit = MembershipDoubles.Audit(tables, clock);
        var signedIn = new SignedIn(tables, audit, clock);
        var function = new InviteMember(
            signedIn.Access, store, new MembershipStore(store, MembershipDoubles.Outbox(), audit), new RateLimiter(tables.Object, clock),
            new InvitationLetters(email.Object, LanguageDoubles.Stored(), Options.Create(new AuthOptions())), audit, clock);
        var request = signedIn.Request(caller ?? member, "POST", $$"""{ "email": "{{Address}}" }""");
        return await ExecutedResult.ExecuteAsync(await function.Run(request, OrganisationId, CancellationToken.None));
    }
}
