using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// The organisations a reviewer may not review: those they declared a tie to, and the one they are a
/// member of, whether or not they declared it (membership cannot be dodged by staying silent). A tie
/// found after assignment withdraws the reviewer from that organisation's applications: the row stays
/// (a draft is kept, for the record) but is recused and marked conflicted, so it is never submitted,
/// never counted, and a review submitted before the tie came to light is flagged in the ranking.
/// </summary>
public sealed class ReviewerTies(ReviewStores stores, UserStore users, AuditLog audit, TimeProvider time)
{
    public const string MembershipReason = "Member of the applicant organisation.";

    /// <summary>The organisation ids the reviewer is tied to: declared conflicts plus current membership.</summary>
    public async Task<IReadOnlySet<string>> OrganisationsOfAsync(string reviewerId, string reviewerEmail, CancellationToken cancellationToken)
    {
        var declared = ReviewStores.PartitionAsync<ConflictEntity>(stores.Conflicts, reviewerId, cancellationToken, ["RowKey"]);
        var user = await users.FindAsync(EmailAddress.Normalize(reviewerEmail), cancellationToken);
        var tied = (await declared).Select(c => c.RowKey).ToHashSet(StringComparer.Ordinal);
        if (user is { OrganisationId: { } member } && user.UserId == reviewerId)
        {
            tied.Add(member);
        }

        return tied;
    }

    /// <summary>
    /// Records that a person joined an organisation as a standing conflict (it outlives the membership:
    /// a former colleague is still tied) and withdraws them from its applications they were assigned.
    /// </summary>
    public async Task RecordMembershipAsync(Caller actor, string userId, string organisationId, string organisationName, CancellationToken cancellationToken)
    {
        var conflict = new ConflictEntity
        {
            PartitionKey = userId,
            RowKey = organisationId,
            Reason = MembershipReason,
            OrganisationName = organisationName,
            DeclaredAt = time.GetUtcNow(),
        };
        try
        {
            var entry = audit.Stage(userId, actor, "conflict.membership", "user:" + userId, null, conflict.ToView());
            await audit.CommitAsync(stores.Conflicts, [new TableTransactionAction(TableTransactionActionType.Add, conflict)], entry, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Declared already, in their own words: keep those.
        }

        await WithdrawAsync(actor, userId, organisationId, cancellationToken);
    }

    /// <summary>Withdraws the reviewer from every assignment on the organisation's applications; returns how many changed.</summary>
    public async Task<int> WithdrawAsync(Caller actor, string reviewerId, string organisationId, CancellationToken cancellationToken)
    {
        var withdrawn = 0;
        var panels = TableClient.CreateQueryFilter($"RowKey eq {reviewerId}");
        await foreach (var panel in stores.Reviewers.QueryAsync<ReviewerEntity>(panels, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {panel.PartitionKey} and ReviewerId eq {reviewerId} and OrganisationId eq {organisationId}");
            await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(filter, cancellationToken: cancellationToken))
            {
                if (await WithdrawOneAsync(actor, assignment, cancellationToken))
                {
                    withdrawn++;
                }
            }
        }

        return withdrawn;
    }

    private async Task<bool> WithdrawOneAsync(Caller actor, AssignmentEntity assignment, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (assignment.Conflicted)
            {
                return false;
            }

            assignment.Conflicted = true;
            assignment.Recused = true;
            assignment.RecusalReason = "Conflict of interest with the applicant organisation.";
            try
            {
                var entry = audit.Stage(
                    assignment.PartitionKey, actor, "assignment.withdrawn-conflict", "application:" + assignment.ApplicationId, null, new { assignment.ReviewerId, assignment.RecusalReason });
                await audit.CommitAsync(stores.Assignments, [new TableTransactionAction(TableTransactionActionType.UpdateReplace, assignment, assignment.ETag)], entry, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // A draft was saved meanwhile: withdraw the row as it now is, keeping that draft.
                assignment = (await stores.Assignments.GetEntityAsync<AssignmentEntity>(assignment.PartitionKey, assignment.RowKey, cancellationToken: cancellationToken)).Value;
            }
        }
    }
}
