using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Stores the signed-in person's language, so their emails follow the portal's. A preference that
/// only its owner sets: the last choice wins, so no If-Match; the store writes under the ETag of its own
/// read and re-reads on a concurrent change to the user (an invitation adding a role), so that change is kept.
/// </summary>
public sealed class SetLanguage(Access access, UserStore users, AuditLog audit)
{
    [Function(nameof(SetLanguage))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/language")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;
        var body = await RequestJson.ReadAsync<LanguageRequest>(request, cancellationToken);
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

        // The audit entry commits with the change; choosing the language already set records nothing.
        string? before = null;
        var chosen = body.Value.Language;
        await users.UpsertAsync(
            caller.Email,
            user => (before, user.Language) = (user.Language, chosen),
            user => before == chosen ? null : audit.Stage(user.PartitionKey, caller, "user.language-set", "user:" + caller.UserId, new { language = before }, new { language = chosen }),
            cancellationToken);
        return TypedResults.NoContent();
    }
}
