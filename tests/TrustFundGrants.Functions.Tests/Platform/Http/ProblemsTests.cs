using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

public sealed class ProblemsTests
{
    [Fact]
    public void TypeOf_Slug_IsStableUrn()
    {
        Assert.Equal("urn:trustfundgrants:problem:not-found", Problems.TypeOf("not-found"));
    }

    [Fact]
    public void Validation_Errors_BadRequestWithValidationTypeAndErrors()
    {
        var errors = new Dictionary<string, string[]> { ["title"] = ["Give the proposal a title."], ["items[0].amount"] = ["Must be positive."] };

        var result = Problems.Validation(errors);

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:validation", result.ProblemDetails.Type);
        Assert.Equal(400, result.ProblemDetails.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.ProblemDetails.Detail));
        Assert.Equal(errors.Keys.Order(StringComparer.Ordinal), result.ProblemDetails.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Must be positive."], result.ProblemDetails.Errors["items[0].amount"]);
    }

    [Fact]
    public void Validation_CustomDetail_UsesIt()
    {
        var result = Problems.Validation(new Dictionary<string, string[]> { ["title"] = ["Required."] }, "The round is closed to edits.");

        Assert.Equal("The round is closed to edits.", result.ProblemDetails.Detail);
    }

    [Fact]
    public void Validation_OneField_ErrorsHoldOnlyThatField()
    {
        var result = Problems.Validation("amount", "Must be positive.");

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:validation", result.ProblemDetails.Type);
        var error = Assert.Single(result.ProblemDetails.Errors);
        Assert.Equal("amount", error.Key);
        Assert.Equal(["Must be positive."], error.Value);
    }

    [Fact]
    public void NotFound_Default_NotFoundWithStableType()
    {
        var result = Problems.NotFound();

        AssertProblem(result, StatusCodes.Status404NotFound, "not-found");
    }

    [Fact]
    public void NotFound_Detail_UsesIt()
    {
        var result = Problems.NotFound("No such round.");

        Assert.Equal("No such round.", result.ProblemDetails.Detail);
    }

    [Fact]
    public void Conflict_Detail_ConflictWithStableType()
    {
        var result = Problems.Conflict("The round is already open.");

        AssertProblem(result, StatusCodes.Status409Conflict, "conflict");
        Assert.Equal("The round is already open.", result.ProblemDetails.Detail);
    }

    [Fact]
    public void PreconditionFailed_Always_PreconditionFailedWithStableType()
    {
        var result = Problems.PreconditionFailed();

        AssertProblem(result, StatusCodes.Status412PreconditionFailed, "precondition-failed");
    }

    [Fact]
    public void PayloadTooLarge_Limit_PayloadTooLargeWithStableType()
    {
        var result = Problems.PayloadTooLarge(1024);

        AssertProblem(result, StatusCodes.Status413PayloadTooLarge, "payload-too-large");
    }

    [Fact]
    public void ServiceUnavailable_Extensions_CarriesThem()
    {
        var result = Problems.ServiceUnavailable("Queue storage did not answer.", new Dictionary<string, object?> { ["queue"] = "outbox" });

        AssertProblem(result, StatusCodes.Status503ServiceUnavailable, "service-unavailable");
        Assert.Equal("Queue storage did not answer.", result.ProblemDetails.Detail);
        Assert.Equal("outbox", result.ProblemDetails.Extensions["queue"]);
    }

    [Fact]
    public void Problem_AnySlug_StatusTitleAndType()
    {
        var result = Problems.Problem(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", "Try again in a minute.");

        AssertProblem(result, StatusCodes.Status429TooManyRequests, "rate-limited");
        Assert.Equal("Too many requests.", result.ProblemDetails.Title);
        Assert.Equal("Try again in a minute.", result.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Conflict_Executed_WritesProblemJson()
    {
        using var executed = await ExecutedResult.ExecuteAsync(Problems.Conflict("The round is already open."));

        Assert.Equal(StatusCodes.Status409Conflict, executed.StatusCode);
        Assert.Equal("application/problem+json", executed.ContentType);
        Assert.Equal("urn:trustfundgrants:problem:conflict", executed.Root.GetProperty("type").GetString());
        Assert.Equal("The round is already open.", executed.Root.GetProperty("detail").GetString());
        Assert.Equal(409, executed.Root.GetProperty("status").GetInt32());
    }

    private static void AssertProblem(ProblemHttpResult result, int status, string slug)
    {
        Assert.Equal(status, result.StatusCode);
        Assert.Equal(status, result.ProblemDetails.Status);
        Assert.Equal("urn:trustfundgrants:problem:" + slug, result.ProblemDetails.Type);
        Assert.False(string.IsNullOrWhiteSpace(result.ProblemDetails.Title));
        Assert.False(string.IsNullOrWhiteSpace(result.ProblemDetails.Detail));
    }
}
