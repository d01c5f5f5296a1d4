using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

public sealed class GetMe(Access access)
{
    [Function(nameof(GetMe))]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request)
    {
        var session = await access.RequireAsync(request);
        return session.IsDenied ? session.Denied : TypedResults.Ok(MeView.From(session.Caller));
    }
}
