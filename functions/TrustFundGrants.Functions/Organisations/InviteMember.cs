using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.RateLimiting;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>
/// A member invites a colleague. Nothing changes for the colleague until they sign in and accept: the
/// invitation grants no access, and the answer is the same 202 whoever the address belongs to (a
/// member already, someone in another organisation, no one yet), so it tells nothing about anyone.
/// Limits: an organisation sends at most <see cref="PerOrganisationPerDay"/> invitations a day (429
/// beyond), an address is emailed about the same invitation at most once a day and about invitations
/// at most <see cref="EmailsPerAddressPerDay"/> times a day from all organisations together.
/// </summary>
public sealed class InviteMember(
    Access access, OrganisationStore organisations, MembershipStore memberships, RateLimiter limiter, InvitationLetters letters, AuditLog audit, TimeProvider time)
{
    public const int PerOrganisationPerDay = 20;
    public const int EmailsPerAddressPerDay = 3;
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    [Function(nameof(InviteMember))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "organisations/{id}/invitations")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        if (!caller.IsMemberOf(id) || await organisations.FindAsync(id, cancellationToken) is not { } organisation)
        {
            return Problems.NotFound();
        }

        var body = await RequestJson.ReadAsync<EmailRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var errors = new Dictionary<string, string[]>();
        body.Value.Validate(errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var address = EmailAddress.Normalize(body.Value.Email);
        var now = time.GetUtcNow();
        var invitation = await memberships.FindInvitationAsync(id, address, cancellationToken);
        var repeat = invitation is { EmailedAt: { } emailed } && now - emailed < Day && invitation.ExpiresAt > now;
        if (!repeat && await limiter.TryAcquireAsync("invite-org-" + id, PerOrganisationPerDay, Day, cancellationToken) is { } retryAfter)
        {
            return TooMany(request.HttpContext.Response, retryAfter);
        }

        var isMember = (await memberships.MembersAsync(id, cancellationToken)).Any(m => m.Email == address);
        var send = !repeat && !isMember
            && await limiter.TryAcquireAsync("invite-address-" + EmailAddress.Key(address), EmailsPerAddressPerDay, Day, cancellationToken) is null;
        invitation ??= new InvitationEntity { PartitionKey = id, RowKey = InvitationEntity.RowKeyFor(EmailAddress.Key(address)), Email = address, InvitedAt = now };
        if (!repeat && !isMember)
        {
            send = await RecordAsync(id, address, invitation, caller, now, send, cancellationToken);
        }

        if (send)
        {
            await letters.SendAsync(organisation, invitation, cancellationToken);
        }

        request.HttpContext.Response.Headers.Location = $"/api/organisations/{id}/invitations";
        return TypedResults.Json(new InvitationSent(address, "Invited"), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Stores the invitation as sent now by the caller; whether it is still to be emailed (not when a colleague's stands).</summary>
    private async Task<bool> RecordAsync(string id, string address, InvitationEntity invitation, Caller caller, DateTimeOffset now, bool send, CancellationToken cancellationToken)
    {
        invitation.InvitedById = caller.UserId;
        invitation.InvitedByEmail = caller.Email;
        invitation.ExpiresAt = now + Lifetime;
        invitation.EmailedAt = send ? now : invitation.EmailedAt;
        try
        {
            var entry = audit.Stage(id, caller, "organisation.member-invited", "organisation:" + id, null, new { email = address });
            await memberships.SaveInvitationAsync(invitation, entry, cancellationToken);
            return send;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // A colleague invited the same address at the same moment: theirs stands and was emailed.
            return false;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooMany(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Problem(
            StatusCodes.Status429TooManyRequests, "rate-limited", "Too many invitations today.", $"Your organisation has sent {PerOrganisationPerDay} invitations today; try again in {seconds} seconds.");
    }
}

/// <summary>The same answer whoever the address belongs to.</summary>
public sealed record InvitationSent(string Email, string Status);
