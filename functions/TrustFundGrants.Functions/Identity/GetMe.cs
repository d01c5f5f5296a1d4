using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

public sealed class GetMe(Access access)
{
    [Function(nameof(GetMe))]
    public async Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request)
    {
        var (caller, denied) = await access.RequireAsync(request);
        return denied ?? (IResult)TypedResults.Ok(MeView.From(caller!));
    }
}
