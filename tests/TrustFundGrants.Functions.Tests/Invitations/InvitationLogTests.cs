using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Invitations;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Invitations;

/// <summary>Issue 13.8: an invitation is recorded each time, and emailed at most once a day per person and thing.</summary>
public sealed class InvitationLogTests
{
    private const string Address = "rev@example.org";

    private static readonly Caller Secretariat = new("sec-1", "maria@fund.example", "Maria", [Roles.Secretariat], null, null);

    private readonly FeatureDoubles doubles = new();
    private readonly Mock<TableClient> table;
    private readonly string rowKey = InvitationRecord.RowKeyFor(Roles.Reviewer, null, EmailAddress.Key(Address));

    public InvitationLogTests() => table = doubles.Table(InvitationLog.Table);

    private InvitationLog Log => new(doubles.TableService.Object, doubles.Outbox, doubles.Audit, doubles.Time);

    [Fact]
    public async Task RecordAsync_FirstInvitation_AddsTheRowWithItsEmailAndAuditAndReleasesTheEmail()
    {
        Finds(null);
        var committed = doubles.Commits(InvitationLog.Table);
        var pointers = doubles.Released;

        var (invitation, emailed) = await Log.RecordAsync(Address, Roles.Reviewer, null, null, Secretariat, CancellationToken.None);

        Assert.True(emailed);
        Assert.Equal(1, invitation.Times);
        Assert.Equal(FeatureDoubles.Now, invitation.EmailedAt);
        Assert.Equal(TableTransactionActionType.Add, committed[0].ActionType);
        var email = Assert.Single(committed.Select(a => a.Entity).OfType<OutboxEntry>(), e => e.Queue == InvitationEmailMessage.Queue);
        Assert.Equal(rowKey, JsonDocument.Parse(email.Message).RootElement.GetProperty("rowKey").GetString());
        Assert.Equal(["invitation.emailed"], FeatureDoubles.AuditedActions(committed));
        Assert.Contains(pointers, p => p.Contains(email.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordAsync_SameInvitationWithinADay_CountsTheRepeatUnderTheReadETagAndOwesNoEmail()
    {
        Finds(Existing(emailedAgo: TimeSpan.FromHours(23)));
        var committed = doubles.Commits(InvitationLog.Table);

        var (invitation, emailed) = await Log.RecordAsync(Address, Roles.Reviewer, null, null, Secretariat, CancellationToken.None);

        Assert.False(emailed);
        Assert.Equal(2, invitation.Times);
        Assert.Equal(FeatureDoubles.Now - TimeSpan.FromHours(23), invitation.EmailedAt);
        Assert.Equal(TableTransactionActionType.UpdateReplace, committed[0].ActionType);
        Assert.Equal(FeatureDoubles.ReadETag, committed[0].ETag);
        Assert.DoesNotContain(committed.Select(a => a.Entity).OfType<OutboxEntry>(), e => e.Queue == InvitationEmailMessage.Queue);
        Assert.Equal(["invitation.repeated"], FeatureDoubles.AuditedActions(committed));
    }

    [Fact]
    public async Task RecordAsync_SameInvitationADayLater_OwesANewEmail()
    {
        Finds(Existing(emailedAgo: TimeSpan.FromDays(1)));
        var committed = doubles.Commits(InvitationLog.Table);

        var (_, emailed) = await Log.RecordAsync(Address, Roles.Reviewer, null, null, Secretariat, CancellationToken.None);

        Assert.True(emailed);
        Assert.Single(committed.Select(a => a.Entity).OfType<OutboxEntry>(), e => e.Queue == InvitationEmailMessage.Queue);
    }

    [Fact]
    public async Task RecordAsync_AColleagueInvitedMeanwhile_JudgesAgainAgainstTheirsAndOwesNoSecondEmail()
    {
        // The first read finds nothing; the add loses to a colleague's, whose row the second read finds.
        table.SetupSequence(t => t.GetEntityIfExistsAsync<InvitationRecord>(InvitationRecord.Partition, rowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(FeatureDoubles.Missing<InvitationRecord>())
            .ReturnsAsync(FeatureDoubles.Found(Existing(emailedAgo: TimeSpan.Zero)));
        var batches = new List<List<TableTransactionAction>>();
        table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<TableTransactionAction> b, CancellationToken _) =>
            {
                batches.Add(b.ToList());
                return batches.Count == 1 ? Task.FromException<Azure.Response<IReadOnlyList<Azure.Response>>>(FeatureDoubles.TransactionFailed(409)) : Task.FromResult(FeatureDoubles.Committed());
            });

        var (_, emailed) = await Log.RecordAsync(Address, Roles.Reviewer, null, null, Secretariat, CancellationToken.None);

        Assert.False(emailed);
        Assert.Equal(2, batches.Count);
        Assert.DoesNotContain(batches[1].Select(a => a.Entity).OfType<OutboxEntry>(), e => e.Queue == InvitationEmailMessage.Queue);
    }

    [Fact]
    public void RowKeyFor_PanelAndRole_AreDifferentInvitations() =>
        Assert.NotEqual(
            InvitationRecord.RowKeyFor(InvitationRecord.Panel, "round-1", EmailAddress.Key(Address)),
            InvitationRecord.RowKeyFor(Roles.Reviewer, null, EmailAddress.Key(Address)));

    private void Finds(InvitationRecord? record) =>
        table.Setup(t => t.GetEntityIfExistsAsync<InvitationRecord>(InvitationRecord.Partition, rowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(record is null ? FeatureDoubles.Missing<InvitationRecord>() : FeatureDoubles.Found(record));

    private InvitationRecord Existing(TimeSpan emailedAgo) => new()
    {
        RowKey = rowKey, Email = Address, Kind = Roles.Reviewer, InvitedByEmail = "other@fund.example", ETag = FeatureDoubles.ReadETag,
        FirstInvitedAt = FeatureDoubles.Now - TimeSpan.FromDays(3), LastInvitedAt = FeatureDoubles.Now - emailedAgo, EmailedAt = FeatureDoubles.Now - emailedAgo, Times = 1,
    };
}
