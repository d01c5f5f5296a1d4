using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Applications;

/// <summary>
/// Time-of-check to time-of-use: an edit or upload whose body was still arriving when the application was
/// submitted, or when the deadline passed, is refused and leaves the submitted content as it was.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class SlowBodyTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task Upload_BodyStillArrivingWhenSubmitted_Gets409AndTheSubmittedDocumentStays()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        var original = await DocumentHashAsync(ngo, id);
        var body = new HeldBackContent(Swapped());
        var upload = Client.SendAsync(UploadRequest(ngo, id, body));
        await body.FirstPartSent;

        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        body.Finish();
        using var late = await upload;

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(original, await DocumentHashAsync(ngo, id));
    }

    [Fact]
    public async Task Edit_BodyStillArrivingWhenSubmitted_Gets409AndTheApplicationStaysSubmitted()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        var changed = ApplicationSetup.CompleteDraft();
        changed["title"] = "Swapped in after submission";
        var body = new HeldBackContent(Encoding.UTF8.GetBytes(changed.ToJsonString()), "application/json");
        using var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}");
        request.Content = body;
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.ToString());
        var edit = Client.SendAsync(request);
        await body.FirstPartSent;

        using var submitted = await Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));
        body.Finish();
        using var late = await edit;

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using var after = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        var application = await ApplicationSetup.Json(after);
        Assert.Equal("Safe houses in Tijuana", application.GetProperty("title").GetString());
        Assert.NotEqual("Draft", application.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_BodyStillArrivingWhenTheDeadlinePasses_Gets409AndTheDocumentStays()
    {
        // The app's clock is the runner's, which the tests step: the deadline passes while the body is held back.
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync(), closesIn: TimeSpan.FromMinutes(10), clock: runner.Clock);
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);
        var original = await DocumentHashAsync(ngo, id);
        var body = new HeldBackContent(Swapped());
        var upload = Client.SendAsync(UploadRequest(ngo, id, body));
        await body.FirstPartSent;
        Assert.True(runner.Clock.GetUtcNow() < setup.ClosesAt, "the upload started before the deadline");

        runner.Clock.StepPast(setup.ClosesAt);
        body.Finish();
        using var late = await upload;

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("deadline", (await ApplicationSetup.Json(late)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(original, await DocumentHashAsync(ngo, id));
    }

    [Fact]
    public async Task Edit_IfMatchStar_Gets428AndChangesNothing()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var (id, _) = await setup.DraftAsync(ngo);

        using var response = await setup.SaveAsync(ngo, id, "*", ApplicationSetup.CompleteDraft());

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        using var after = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        Assert.NotEqual("Safe houses in Tijuana", (await ApplicationSetup.Json(after)).GetProperty("title").GetString());
    }

    private static byte[] Swapped() => [.. ApplicationSetup.Pdf, .. "% a different file\n"u8.ToArray()];

    private static HttpRequestMessage UploadRequest(Session ngo, string id, HttpContent body)
    {
        var request = ngo.Bearer(HttpMethod.Put, $"/api/applications/{id}/documents/budget");
        body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "budget.pdf" };
        request.Content = body;
        return request;
    }

    private async Task<string> DocumentHashAsync(Session ngo, string id)
    {
        using var read = await Client.SendAsync(ngo.Bearer(HttpMethod.Get, $"/api/applications/{id}"));
        var documents = (await ApplicationSetup.Json(read)).GetProperty("documents").EnumerateArray().ToArray();
        return Assert.Single(documents).GetProperty("sha256").GetString()!;
    }

    /// <summary>
    /// A body that sends its first bytes at once and the rest only when told, as a slow client's would
    /// arrive. (Held for a few seconds at most: Kestrel drops a body slower than 240 bytes a second after a
    /// 5-second grace, and the test round's documents are too small to trickle above that for longer.)
    /// </summary>
    private sealed class HeldBackContent : HttpContent
    {
        private readonly byte[] bytes;
        private readonly TaskCompletionSource firstPart = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HeldBackContent(byte[] bytes, string contentType = "application/pdf")
        {
            this.bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        public Task FirstPartSent => firstPart.Task;

        public void Finish() => rest.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 8));
            await stream.FlushAsync();
            firstPart.TrySetResult();
            await rest.Task;
            await stream.WriteAsync(bytes.AsMemory(8));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
