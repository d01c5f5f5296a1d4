using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;

namespace TrustFundGrants.Functions.Applications;

/// <summary>Who may see an application. Anyone else gets 404, so an id reveals nothing.</summary>
public sealed class ApplicationAccess(ReviewStores reviews)
{
    /// <summary>The Secretariat, the applicant's own organisation, and reviewers assigned to it (not recused).</summary>
    public async Task<bool> MaySeeAsync(Caller caller, ApplicationEntity application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(application);
        if (caller.IsIn(Roles.Secretariat) || caller.IsMemberOf(application.OrganisationId))
        {
            return true;
        }

        return caller.IsIn(Roles.Reviewer) && await IsAssignedAsync(caller, application, cancellationToken);
    }

    /// <summary>Whether the caller sees it only as its reviewer, which is when a blind round hides who applied.</summary>
    public static bool SeesAsReviewerOnly(Caller caller, ApplicationEntity application) =>
        !caller.IsIn(Roles.Secretariat) && !caller.IsMemberOf(application.OrganisationId);

    public static bool MayEdit(Caller caller, ApplicationEntity application) => caller.IsMemberOf(application.OrganisationId);

    private async Task<bool> IsAssignedAsync(Caller caller, ApplicationEntity application, CancellationToken cancellationToken)
    {
        var assignment = await reviews.Assignments.GetEntityIfExistsAsync<AssignmentEntity>(
            application.PartitionKey, AssignmentEntity.RowKeyFor(application.RowKey, caller.UserId), cancellationToken: cancellationToken);
        return assignment.HasValue && assignment.Value is { Recused: false };
    }
}
