using Azure;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants;

/// <summary>What every grant change does first and last: find a grant the caller may see, hold it to If-Match, answer with the new state.</summary>
public static class GrantRequests
{
    /// <summary>The Secretariat sees every grant; an NGO's members see their own; anyone else gets 404.</summary>
    public static bool MaySee(Caller caller, GrantEntity grant)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(grant);
        return caller.IsIn(Roles.Secretariat) || caller.IsMemberOf(grant.OrganisationId);
    }

    /// <summary>
    /// The grant to change, when the caller may see it and If-Match names the version just read: the change
    /// is then judged on exactly the state the client saw, and commits only if that state still holds.
    /// <paramref name="refusal"/>, when given, is asked first: a step the current state no longer allows (a
    /// tranche someone else already requested) answers with its own problem rather than a bare 412.
    /// </summary>
    public static async Task<(GrantFile? File, IResult? Problem)> ReadForChangeAsync(
        IGrantStore grants, HttpRequest request, Caller caller, string id, CancellationToken cancellationToken, Func<GrantFile, IResult?>? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(request);
        if (await grants.ReadAsync(id, cancellationToken) is not { } file || !MaySee(caller, file.Grant))
        {
            return (null, Problems.NotFound());
        }

        if (Preconditions.RequireIfMatch(request, out var ifMatch) is { } missing)
        {
            return (null, missing);
        }

        if (refusal?.Invoke(file) is { } refused)
        {
            return (null, refused);
        }

        if (ifMatch == file.Grant.ETag)
        {
            return (file, null);
        }

        // The grant row and its tranches are read at once, so a read that overlaps a commit can see the grant's
        // new ETag beside the tranche rows as they were before it. The commit behind that ETag is whole by now, so
        // a second read shows what it did: a step it made impossible answers as such, not as a bare 412.
        var again = await grants.ReadAsync(id, cancellationToken);
        return (null, again is not null && refusal?.Invoke(again) is { } refusedNow ? refusedNow : Problems.PreconditionFailed());
    }

    /// <summary>
    /// Commits the change with its audit entry in the same transaction, then answers with the grant as it now
    /// is (and its new ETag); 412 when someone changed it first, and then nothing is written or audited.
    /// </summary>
    public static async Task<IResult> CommitAsync(IGrantStore grants, HttpRequest request, GrantChange change, OutboxEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(change);
        try
        {
            await grants.CommitAsync(change.Owing(audit), cancellationToken);
        }
        catch (GrantChangedException)
        {
            return Problems.PreconditionFailed();
        }

        return await ViewAsync(grants, request, change.Grant.PartitionKey, cancellationToken);
    }

    public static async Task<IResult> ViewAsync(IGrantStore grants, HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(request);
        var file = await grants.ReadAsync(id, cancellationToken) ?? throw new InvalidOperationException($"Grant {id} vanished.");
        request.HttpContext.Response.Headers.ETag = file.Grant.ETag.ToString("H");
        return TypedResults.Ok(GrantView.From(file));
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    }

    public static DateOnly ParseDay(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
