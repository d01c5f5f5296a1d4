using Microsoft.AspNetCore.Http;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>What the payment steps share: finding the tranche, and telling a lost race from a stale page.</summary>
internal static class PaymentSteps
{
    public static TrancheEntity? Find(GrantFile file, string number) =>
        int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? file.Tranche(n) : null;

    /// <summary>
    /// Commits a payment step. When another change to the grant landed first, a tranche that has moved on
    /// (another request of the same payment won) answers 409, anything else 412: so twenty simultaneous
    /// requests for one tranche end in one request and nineteen conflicts.
    /// </summary>
    public static async Task<IResult> CommitAsync(
        IGrantStore grants, HttpRequest request, GrantChange change, TrancheEntity tranche, Platform.Outbox.OutboxEntry audit, CancellationToken cancellationToken)
    {
        var status = tranche.Status;
        var result = await GrantRequests.CommitAsync(grants, request, change, audit, cancellationToken);
        if (result is not Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { StatusCode: StatusCodes.Status412PreconditionFailed })
        {
            return result;
        }

        var now = await grants.ReadAsync(change.Grant.PartitionKey, cancellationToken);
        var current = now?.Tranche(tranche.Number);
        return current is not null && current.Status != PreviousOf(status)
            ? Problems.Conflict($"Tranche {tranche.Number} is {current.Status} now: someone else acted on it first.")
            : result;
    }

    private static string PreviousOf(string status) => status switch
    {
        Domain.TrancheStatus.Requested => Domain.TrancheStatus.Due,
        Domain.TrancheStatus.Approved => Domain.TrancheStatus.Requested,
        Domain.TrancheStatus.Paid => Domain.TrancheStatus.Approved,
        _ => status,
    };
}
