using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// RFC 9457 problem details with stable <c>type</c> URIs, so clients can branch on the type while
/// people read the detail. Every error the API returns comes from here.
/// </summary>
public static class Problems
{
    private const string TypeBase = "urn:trustfundgrants:problem:";

    public static string TypeOf(string slug) => TypeBase + slug;

    public static ValidationProblem Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(
            errors,
            detail ?? "The request has fields that are missing or not valid; see errors.",
            title: "The request is not valid.",
            type: TypeOf("validation"));

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string detail = "There is nothing here, or you may not see it.") =>
        Problem(StatusCodes.Status404NotFound, "not-found", "Not found.", detail);

    public static ProblemHttpResult Conflict(string detail) =>
        Problem(StatusCodes.Status409Conflict, "conflict", "The request conflicts with the current state.", detail);

    public static ProblemHttpResult PreconditionFailed() =>
        Problem(
            StatusCodes.Status412PreconditionFailed,
            "precondition-failed",
            "It has changed since you read it.",
            "Someone else changed this first. Reload it, then apply your change again.");

    public static ProblemHttpResult PayloadTooLarge(long maxBytes) =>
        Problem(
            StatusCodes.Status413PayloadTooLarge,
            "payload-too-large",
            "The request body is too large.",
            $"The limit is {maxBytes:N0} bytes.");

    public static ProblemHttpResult ServiceUnavailable(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "service-unavailable", "A service the app needs is not answering.", detail, extensions);

    public static ProblemHttpResult Problem(
        int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeOf(slug), extensions: extensions);
}
