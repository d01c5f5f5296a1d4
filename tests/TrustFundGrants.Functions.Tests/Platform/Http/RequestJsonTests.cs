using System.Text;
using Microsoft.AspNetCore.Http;
using Moq;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

public sealed class RequestJsonTests
{
    private const string Valid = """{"title":"Safe shelter","beneficiaries":40,"items":[{"category":"rent","amount":1200},{"category":"staff","amount":3400}]}""";
    private const string ValidationType = "urn:trustfundgrants:problem:validation";
    private const string TooLargeType = "urn:trustfundgrants:problem:payload-too-large";

    [Fact]
    public async Task ReadAsync_ValidBody_ReturnsValueAndNoProblem()
    {
        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(Valid), CancellationToken.None);

        Assert.Null(body.Problem);
        Assert.NotNull(body.Value);
        Assert.Equal("Safe shelter", body.Value.Title);
        Assert.Equal(40, body.Value.Beneficiaries);
        Assert.Equal([new BudgetLine("rent", 1200), new BudgetLine("staff", 3400)], body.Value.Items);
        Assert.Null(body.Value.Note);
    }

    [Fact]
    public async Task ReadAsync_NullableMemberPresent_ReadsIt()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[],"note":"second year"}""";

        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(json), CancellationToken.None);

        Assert.Null(body.Problem);
        Assert.Equal("second year", body.Value?.Note);
    }

    [Fact]
    public async Task ReadAsync_NullForANonNullableField_SaysItMustNotBeNull()
    {
        var json = """{"title":null,"beneficiaries":40,"items":[]}""";

        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(json), CancellationToken.None);

        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        Assert.Equal(["This field must not be null."], problem.ErrorsFor("title"));
    }

    [Fact]
    public async Task ReadAsync_NullableMemberNull_ReadsNull()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[],"note":null}""";

        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(json), CancellationToken.None);

        Assert.Null(body.Problem);
        Assert.Null(body.Value?.Note);
    }

    [Fact]
    public async Task ReadAsync_CharsetInContentType_ReadsValue()
    {
        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(Valid, "application/json; charset=utf-8"), CancellationToken.None);

        Assert.Null(body.Problem);
        Assert.NotNull(body.Value);
    }

    [Fact]
    public async Task ReadAsync_StructuredJsonContentType_ReadsValue()
    {
        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(Valid, "application/merge-patch+json"), CancellationToken.None);

        Assert.Null(body.Problem);
        Assert.NotNull(body.Value);
    }

    [Fact]
    public async Task ReadAsync_UnknownField_ValidationProblemNamesThatField()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[],"nickname":"x"}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["nickname"], problem.ErrorKeys);
        Assert.Equal(["This field is not part of the request."], problem.ErrorsFor("nickname"));
    }

    [Fact]
    public async Task ReadAsync_UnknownNestedField_ErrorNamesItsPath()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[{"category":"rent","amount":1,"colour":"red"}]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["items[0].colour"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_WrongTypeForField_ErrorNamesThatField()
    {
        var json = """{"title":"Safe shelter","beneficiaries":"forty","items":[]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["beneficiaries"], problem.ErrorKeys);
        Assert.Equal(["This field has the wrong type or format."], problem.ErrorsFor("beneficiaries"));
    }

    [Fact]
    public async Task ReadAsync_NumberAsString_ErrorNamesThatField()
    {
        var json = """{"title":"Safe shelter","beneficiaries":"40","items":[]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["beneficiaries"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_WrongTypeInNestedField_ErrorNamesPathWithoutDollarPrefix()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[{"category":"rent","amount":1},{"category":"staff","amount":"lots"}]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["items[1].amount"], problem.ErrorKeys);
        Assert.Equal(["This field has the wrong type or format."], problem.ErrorsFor("items[1].amount"));
    }

    [Fact]
    public async Task ReadAsync_MissingRequiredField_ErrorNamesIt()
    {
        var json = """{"beneficiaries":40,"items":[]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["title"], problem.ErrorKeys);
        Assert.Equal(["This field is required."], problem.ErrorsFor("title"));
    }

    [Fact]
    public async Task ReadAsync_SeveralRequiredFieldsMissing_NamesEach()
    {
        using var problem = await ProblemOf("{}");

        AssertValidationProblem(problem);
        Assert.Equal(["beneficiaries", "items", "title"], problem.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_SeveralFieldsWrongAtOnce_NamesEveryOneInOneProblem()
    {
        var json = """{"title":null,"beneficiaries":"forty","items":[{"category":"rent","amount":1},{"category":"staff","amount":"lots"}],"nickname":"x"}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["beneficiaries", "items[1].amount", "nickname", "title"], problem.ErrorKeys.Order(StringComparer.Ordinal));
        Assert.Equal(["This field must not be null."], problem.ErrorsFor("title"));
        Assert.Equal(["This field has the wrong type or format."], problem.ErrorsFor("beneficiaries"));
        Assert.Equal(["This field has the wrong type or format."], problem.ErrorsFor("items[1].amount"));
        Assert.Equal(["This field is not part of the request."], problem.ErrorsFor("nickname"));
    }

    [Fact]
    public async Task ReadAsync_OptionalFieldMissingBesideAnError_IsNotNamed()
    {
        var json = """{"title":"Safe shelter","beneficiaries":"forty","items":[]}""";

        using var problem = await ProblemOf(json);

        Assert.Equal(["beneficiaries"], problem.ErrorKeys);
    }

    [Theory]
    [InlineData("""{"title":"Safe shelter",""")]
    [InlineData("""{"title":"Safe shelter","beneficiaries":40,"items":[],}""")]
    [InlineData("not json")]
    [InlineData("{'title':'single quotes'}")]
    public async Task ReadAsync_MalformedJson_ErrorUnderRoot(string json)
    {
        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["$"], problem.ErrorKeys);
        Assert.Equal(["The body is not valid JSON."], problem.ErrorsFor("$"));
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_ErrorUnderRoot()
    {
        using var problem = await ProblemOf(string.Empty);

        AssertValidationProblem(problem);
        Assert.Equal(["$"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_NullForNonNullableField_ErrorNamesThatField()
    {
        var json = """{"title":null,"beneficiaries":40,"items":[]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["title"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_NullForNonNullableNestedField_ErrorNamesItsPath()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":[{"category":null,"amount":1}]}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["items[0].category"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_NullForNonNullableList_ErrorNamesThatField()
    {
        var json = """{"title":"Safe shelter","beneficiaries":40,"items":null}""";

        using var problem = await ProblemOf(json);

        AssertValidationProblem(problem);
        Assert.Equal(["items"], problem.ErrorKeys);
    }

    [Fact]
    public async Task ReadAsync_JsonNullBody_ErrorUnderRoot()
    {
        using var problem = await ProblemOf("null");

        AssertValidationProblem(problem);
        Assert.Equal(["The body must be a JSON object."], problem.ErrorsFor("$"));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task ReadAsync_NotJsonContentType_ErrorUnderRoot(string? contentType)
    {
        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(Valid, contentType), CancellationToken.None);

        Assert.Null(body.Value);
        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        AssertValidationProblem(problem);
        Assert.Equal(["$"], problem.ErrorKeys);
        Assert.Equal(["Send the body as application/json."], problem.ErrorsFor("$"));
    }

    [Fact]
    public async Task ReadAsync_ContentLengthOverLimit_PayloadTooLargeWithoutReadingBody()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = 65;
        context.Request.Body = new Mock<Stream>(MockBehavior.Strict).Object;

        var body = await RequestJson.ReadAsync<ProposalRequest>(context.Request, CancellationToken.None, maxBytes: 64);

        Assert.Null(body.Value);
        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        AssertTooLarge(problem);
    }

    [Fact]
    public async Task ReadAsync_ContentLengthOverDefaultLimit_PayloadTooLarge()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = RequestJson.DefaultMaxBytes + 1;
        context.Request.Body = new Mock<Stream>(MockBehavior.Strict).Object;

        var body = await RequestJson.ReadAsync<ProposalRequest>(context.Request, CancellationToken.None);

        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        AssertTooLarge(problem);
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyOverLimit_PayloadTooLarge()
    {
        var json = OversizedJson(200);

        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(json, declareLength: false), CancellationToken.None, maxBytes: 64);

        Assert.Null(body.Value);
        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        AssertTooLarge(problem);
    }

    [Fact]
    public async Task ReadAsync_ContentLengthUnderstatesBody_PayloadTooLarge()
    {
        var request = Request(OversizedJson(200), declareLength: false);
        request.ContentLength = 10;

        var body = await RequestJson.ReadAsync<ProposalRequest>(request, CancellationToken.None, maxBytes: 64);

        using var problem = await ExecutedResult.ExecuteAsync(body.Problem!);
        AssertTooLarge(problem);
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyExactlyAtLimit_ReadsValue()
    {
        var length = Encoding.UTF8.GetByteCount(Valid);

        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(Valid, declareLength: false), CancellationToken.None, maxBytes: length);

        Assert.Null(body.Problem);
        Assert.NotNull(body.Value);
    }

    [Fact]
    public async Task ReadAsync_NullRequest_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => RequestJson.ReadAsync<ProposalRequest>(null!, CancellationToken.None));
    }

    private static HttpRequest Request(string body, string? contentType = "application/json", bool declareLength = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentType = contentType;
        if (declareLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        return context.Request;
    }

    private static string OversizedJson(int minimumBytes)
    {
        var note = new string('x', minimumBytes);
        return $$"""{"title":"Safe shelter","beneficiaries":40,"items":[],"note":"{{note}}"}""";
    }

    private static async Task<ExecutedResult> ProblemOf(string json)
    {
        var body = await RequestJson.ReadAsync<ProposalRequest>(Request(json), CancellationToken.None);
        Assert.Null(body.Value);
        Assert.NotNull(body.Problem);
        return await ExecutedResult.ExecuteAsync(body.Problem);
    }

    private static void AssertValidationProblem(ExecutedResult problem)
    {
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal(ValidationType, problem.Root.GetProperty("type").GetString());
        Assert.Equal(400, problem.Root.GetProperty("status").GetInt32());
    }

    private static void AssertTooLarge(ExecutedResult problem)
    {
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal(TooLargeType, problem.Root.GetProperty("type").GetString());
        Assert.Equal(413, problem.Root.GetProperty("status").GetInt32());
    }
}

public sealed record ProposalRequest(string Title, int Beneficiaries, IReadOnlyList<BudgetLine> Items, string? Note = null);

public sealed record BudgetLine(string Category, int Amount);
