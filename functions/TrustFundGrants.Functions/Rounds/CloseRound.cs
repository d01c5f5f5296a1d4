using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>
/// Closes an open round now, before its deadline (the call was withdrawn, or the envelope is clearly
/// oversubscribed). Drafts can no longer be submitted from this moment; what was submitted stays.
/// </summary>
public sealed class CloseRound(Access access, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(CloseRound))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/close")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return missing;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        if (RoundDeadline.ProblemClosing(round.OpensAt, round.ClosesAt, now) is { } problem)
        {
            return Problems.Conflict(problem);
        }

        var before = round.ClosesAt;
        round.ClosesAt = now;
        var entry = audit.Stage(round.PartitionKey, session.Caller, "round.closed-early", "round:" + roundId, new { closesAt = before }, new { closesAt = now });
        return await RoundWrites.CommitAsync(request, rounds, audit, round, ifMatch, entry, now, cancellationToken);
    }
}
