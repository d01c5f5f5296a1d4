using Azure;
using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Organisations;

internal static class OrganisationResults
{
    /// <summary>An organisation with its ETag header, so the client can send If-Match on its next change.</summary>
    public static IResult WithETag(HttpResponse response, OrganisationEntity organisation, ETag etag)
    {
        response.Headers.ETag = etag.ToString("H");
        return TypedResults.Ok(organisation.ToView());
    }
}
