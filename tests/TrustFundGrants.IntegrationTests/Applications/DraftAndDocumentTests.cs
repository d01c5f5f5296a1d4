using System.Net;
using System.Text.Json.Nodes;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>Drafts and their documents: bad input refused with the field named, nothing stored; other NGOs see nothing.</summary>
[Collection(RunnerCollection.Name)]
public sealed class DraftAndDocumentTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Document_UploadedThenDownloaded_IsTheSameBytesAsAnAttachment()
    {
        var (setup, ngo, id, _) = await DraftAsync();

        using var uploaded = await setup.UploadAsync(ngo, id, "budget", ApplicationSetup.Pdf, "presupuesto 2027.pdf");
        using var downloaded = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}/documents/budget"));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var document = await ApplicationSetup.Json(uploaded);
        Assert.Equal("presupuesto 2027.pdf", document.GetProperty("fileName").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ApplicationSetup.Pdf)), document.GetProperty("sha256").GetString());
        Assert.Equal(ApplicationSetup.Pdf, await downloaded.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", downloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", downloaded.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", downloaded.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Document_AnExeRenamedPdf_Gets415AndIsNotStored()
    {
        var (setup, ngo, id, _) = await DraftAsync();
        byte[] exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

        using var response = await setup.UploadAsync(ngo, id, "budget", exe, "budget.pdf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(await DocumentsOf(ngo, id));
    }

    [Theory]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.pdf")]
    [InlineData("budget.jar", "budget.pdf")]
    [InlineData("budget.docm", "budget.pdf")]
    [InlineData("bud\u200Bget\u2066.pdf\u2069.exe", "budget.pdf.pdf")]
    public async Task Document_WithADeceptiveName_IsStoredAndDownloadedUnderItsSniffedType(string uploadedName, string storedName)
    {
        var (setup, ngo, id, _) = await DraftAsync();

        using var uploaded = await setup.UploadAsync(ngo, id, "budget", ApplicationSetup.Pdf, uploadedName);
        using var downloaded = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}/documents/budget"));

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(storedName, (await ApplicationSetup.Json(uploaded)).GetProperty("fileName").GetString());
        Assert.Equal(storedName, Assert.Single(await DocumentsOf(ngo, id)).GetProperty("fileName").GetString());
        Assert.Equal(storedName, downloaded.Content.Headers.ContentDisposition?.FileNameStar ?? downloaded.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(ApplicationSetup.Pdf, await downloaded.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Document_OverTheTypesLimit_Gets413AndIsNotStored()
    {
        var (setup, ngo, id, _) = await DraftAsync();
        var big = ApplicationSetup.Pdf.Concat(new byte[2048]).ToArray();

        using var response = await setup.UploadAsync(ngo, id, "budget", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await DocumentsOf(ngo, id));
    }

    [Fact]
    public async Task Document_OverTheLimitSentChunked_Gets413()
    {
        var (_, ngo, id, _) = await DraftAsync();
        using var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}/documents/budget");
        request.Content = new StreamContent(new MemoryStream(ApplicationSetup.Pdf.Concat(new byte[4096]).ToArray()));
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("Budget")]
    [InlineData("annual-report")]
    public async Task Document_OfATypeTheRoundDoesNotAskFor_IsRefused(string type)
    {
        var (setup, ngo, id, _) = await DraftAsync();

        using var response = await setup.UploadAsync(ngo, id, type, ApplicationSetup.Pdf);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"answered {response.StatusCode}");
        Assert.Empty(await DocumentsOf(ngo, id));
    }

    [Fact]
    public async Task AnotherNgo_GetsNotFoundForTheApplicationAndItsDocuments()
    {
        var (setup, ngo, id, etag) = await DraftAsync();
        using var uploaded = await setup.UploadAsync(ngo, id, "budget", ApplicationSetup.Pdf);
        var other = await setup.NgoAsync();

        using var get = await Client.SendAsync(other.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        using var document = await Client.SendAsync(other.Bearer(HttpMethod.Get, $"/api/applications/{id}/documents/budget"));
        using var save = await setup.SaveAsync(other, id, etag, ApplicationSetup.CompleteDraft());
        using var submit = await Client.SendAsync(other.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        using var list = await Client.SendAsync(other.Bearer(HttpMethod.Get, $"/api/applications?roundId={setup.RoundId}"));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, submit.StatusCode);
        Assert.Empty((await ApplicationSetup.Json(list)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Save_WithAStaleETag_Gets412AndKeepsTheFirstSave()
    {
        var (setup, ngo, id, etag) = await DraftAsync();
        var first = ApplicationSetup.CompleteDraft();
        first["title"] = "First";
        var second = ApplicationSetup.CompleteDraft();
        second["title"] = "Second";

        using var saved = await setup.SaveAsync(ngo, id, etag, first);
        using var stale = await setup.SaveAsync(ngo, id, etag, second);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        Assert.Equal("First", (await ApplicationSetup.Json(read)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("requestedAmount", """{"amount":"-1.00","currency":"USD"}""", "requestedAmount.amount")]
    [InlineData("requestedAmount", """{"amount":"92233720368547758.08","currency":"USD"}""", "requestedAmount.amount")]
    [InlineData("requestedAmount", """{"amount":"100.00","currency":"EUR"}""", "requestedAmount.currency")]
    [InlineData("durationMonths", "\"eighteen\"", "durationMonths")]
    [InlineData("countries", """["Mexico"]""", "countries[0]")]
    [InlineData("exploitationForms", """["pickpocketing"]""", "exploitationForms[0]")]
    [InlineData("plannedBeneficiaries", """[{"sex":"female","ageGroup":"18-plus","count":-3}]""", "plannedBeneficiaries[0]")]
    [InlineData("plannedBeneficiaries", """[{"sex":"female","ageGroup":"18-plus","count":3,"name":"Maria"}]""", "plannedBeneficiaries[0].name")]
    [InlineData("eligibilityAnswers", """{"unknown-question":true}""", "eligibilityAnswers.unknown-question")]
    [InlineData("ownerNotes", "\"x\"", "ownerNotes")]
    public async Task Save_WithABadField_Gets400NamingItAndChangesNothing(string field, string json, string error)
    {
        var (setup, ngo, id, etag) = await DraftAsync();
        var draft = ApplicationSetup.CompleteDraft();
        draft[field] = JsonNode.Parse(json);

        using var response = await setup.SaveAsync(ngo, id, etag, draft);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApplicationSetup.Json(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(error, out _), errors.ToString());
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        Assert.Equal(string.Empty, (await ApplicationSetup.Json(read)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Save_WithMoreThan100BudgetLines_Gets400()
    {
        var (setup, ngo, id, etag) = await DraftAsync();
        var draft = ApplicationSetup.CompleteDraft();
        draft["budgetLines"] = new JsonArray(Enumerable.Range(0, 101)
            .Select(i => (JsonNode)new JsonObject { ["category"] = $"c{i}", ["description"] = "d", ["amount"] = new JsonObject { ["amount"] = "1.00", ["currency"] = "USD" } }).ToArray());

        using var response = await setup.SaveAsync(ngo, id, etag, draft);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ApplicationSetup.Json(response)).GetProperty("errors").TryGetProperty("budgetLines", out _));
    }

    [Fact]
    public async Task Save_WithAnOversizedString_Gets400()
    {
        var (setup, ngo, id, etag) = await DraftAsync();
        var draft = ApplicationSetup.CompleteDraft();
        draft["title"] = new string('x', 201);

        using var response = await setup.SaveAsync(ngo, id, etag, draft);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Save_WithMalformedJson_Gets400()
    {
        var (_, ngo, id, etag) = await DraftAsync();
        using var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}");
        request.Content = new StringContent("{\"title\": \"unterminated", System.Text.Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_ForTheSecretariat_ShowsTheRoundsApplications()
    {
        var (setup, _, id, _) = await DraftAsync();

        using var response = await Client.SendAsync(setup.Secretariat.Bearer(HttpMethod.Get, $"/api/applications?roundId={setup.RoundId}&status=Draft"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains((await ApplicationSetup.Json(response)).GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
    }

    private async Task<(ApplicationSetup Setup, Session Ngo, string Id, string ETag)> DraftAsync()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, etag) = await setup.DraftAsync(ngo);
        return (setup, ngo, id, etag);
    }

    private async Task<System.Text.Json.JsonElement[]> DocumentsOf(Session ngo, string id)
    {
        using var response = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        return (await ApplicationSetup.Json(response)).GetProperty("documents").EnumerateArray().ToArray();
    }
}
