using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Rounds;

/// <summary>
/// Moves the deadline of a round that still takes applications: extended when applicants need more
/// time, or brought forward to a moment still to come. Unlike the other terms this may change after
/// opening; the rules are <see cref="RoundDeadline"/>'s.
/// </summary>
public sealed class MoveRoundDeadline(Access access, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    [Function(nameof(MoveRoundDeadline))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "rounds/{roundId}/deadline")] HttpRequest request,
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

        var body = await RequestJson.ReadAsync<DeadlineRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        if (now >= round.ClosesAt)
        {
            return Problems.Conflict(RoundDeadline.Closed);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Value.Validate(round.OpensAt, round.ClosesAt, round.ReviewDueAt, now, errors) is not { } closesAt)
        {
            return Problems.Validation(errors);
        }

        var before = round.ClosesAt;
        round.ClosesAt = closesAt;
        var entry = audit.Stage(round.PartitionKey, session.Caller, "round.deadline-moved", "round:" + roundId, new { closesAt = before }, new { closesAt });
        return await RoundWrites.CommitAsync(request, rounds, audit, round, ifMatch, entry, now, cancellationToken);
    }
}

/// <summary>The round's new deadline, an instant (the portal sends it with the round's own offset).</summary>
public sealed record DeadlineRequest(DateTimeOffset ClosesAt)
{
    /// <summary>The new deadline in UTC, or null with the reason under <c>closesAt</c>. The caller answers a closed round (a state conflict) before this.</summary>
    public DateTimeOffset? Validate(DateTimeOffset opensAt, DateTimeOffset currentClosesAt, DateTimeOffset? reviewDueAt, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var closesAt = ClosesAt.ToUniversalTime();
        if (RoundDeadline.ProblemMoving(opensAt, currentClosesAt, reviewDueAt, closesAt, now) is { } problem)
        {
            errors["closesAt"] = [problem];
            return null;
        }

        return closesAt;
    }
}
