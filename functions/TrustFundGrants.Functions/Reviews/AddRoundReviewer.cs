using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// The Secretariat puts a person on a round's panel, making them a Reviewer first if they are not
/// one yet (they are invited by email either way). Adding someone twice changes nothing.
/// </summary>
public sealed class AddRoundReviewer(
    Access access, RoundStore rounds, UserStore users, ReviewStores stores, IEmailSender email, AuditLog audit, TimeProvider time, IOptions<AuthOptions> options)
{
    [Function(nameof(AddRoundReviewer))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/reviewers")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
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
        var user = await users.UpsertAsync(address, u => u.AddRole(Roles.Reviewer), _ => null, cancellationToken);
        var reviewer = new ReviewerEntity { PartitionKey = round.RowKey, RowKey = user.UserId, Email = address, AddedAt = time.GetUtcNow() };
        var existing = await stores.Reviewers.GetEntityIfExistsAsync<ReviewerEntity>(round.RowKey, user.UserId, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } already)
        {
            return TypedResults.Ok(already.ToView());
        }

        var entry = audit.Stage(reviewer.PartitionKey, caller, "round.reviewer-added", "round:" + roundId, null, reviewer.ToView());
        await audit.CommitAsync(stores.Reviewers, [new Azure.Data.Tables.TableTransactionAction(Azure.Data.Tables.TableTransactionActionType.UpsertReplace, reviewer)], entry, cancellationToken);
        await email.SendAsync(
            new EmailMessage(
                address,
                $"You are on the review panel for \"{round.Title}\"",
                $"{caller.Email} added you to the review panel for \"{round.Title}\" on TrustFundGrants.\n\n"
                + $"Sign in with this address at {new Uri(options.Value.PortalBaseUrl, "/signin.html")} to declare any organisations you are tied to; "
                + "you will never be asked to review their applications."),
            cancellationToken);
        return TypedResults.Created($"/api/rounds/{roundId}/reviewers", reviewer.ToView());
    }
}
