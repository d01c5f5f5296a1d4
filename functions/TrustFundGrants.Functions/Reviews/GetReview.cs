using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// A reviewer reads back their own review on one assignment, draft or submitted, so the form shows
/// what they saved last time. Only their own: other reviewers' reviews stay out of sight.
/// </summary>
public sealed class GetReview(Access access, ReviewStores stores, RoundStore rounds)
{
    [Function(nameof(GetReview))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assignments/{id}/review")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Reviewer);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await stores.FindOwnAssignmentAsync(id, caller, cancellationToken) is not { } assignment)
        {
            return Problems.NotFound();
        }

        var round = await rounds.TermsAsync(assignment.PartitionKey, cancellationToken) ?? throw new InvalidOperationException($"Round {assignment.PartitionKey} does not exist.");
        return TypedResults.Ok(ReviewView.Of(assignment, CurrencyCode.Parse(round.Currency)));
    }
}
