using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>The app's real SendGrid client, pointed at the runner's capturing endpoint.</summary>
[Collection(RunnerCollection.Name)]
public sealed class DevMailTests(RunnerFixture runner)
{
    [Fact]
    public async Task EmailSender_ThroughSendGridClient_IsCapturedAndListed()
    {
        var sender = runner.App.Services.GetRequiredService<IEmailSender>();
        var subject = "Your sign-in link " + Guid.NewGuid().ToString("N")[..8];

        await sender.SendAsync(new EmailMessage("ngo@example.org", subject, "Sign in: http://localhost:7071/signin?token=abc"), CancellationToken.None);

        using var list = JsonDocument.Parse(await runner.Client.GetStringAsync(new Uri("/_dev/mail.json", UriKind.Relative)));
        var mail = list.RootElement.EnumerateArray().Single(m => m.GetProperty("subject").GetString() == subject);
        Assert.Equal("ngo@example.org", mail.GetProperty("to")[0].GetString());
        Assert.Equal("Sign in: http://localhost:7071/signin?token=abc", mail.GetProperty("text").GetString());
        Assert.Equal("no-reply@trustfundgrants.example", mail.GetProperty("from").GetString());
        var page = await runner.Client.GetStringAsync(new Uri("/_dev/mail", UriKind.Relative));
        Assert.Contains("<a href=\"http://localhost:7071/signin?token=abc\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGridEndpoint_WithoutSubjectOrContent_Answers400AsSendGridDoes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_dev/sendgrid/v3/mail/send")
        {
            Content = new StringContent("""{"personalizations":[{"to":[{"email":"a@example.org"}]}],"from":{"email":"b@example.org"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", "key");

        using var response = await runner.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"field\":\"subject\"", body, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"content\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGridEndpoint_WithoutApiKey_Answers401()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        using var response = await runner.Client.PostAsync(new Uri("/_dev/sendgrid/v3/mail/send", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Portal_AtRoot_IsServedFromWeb()
    {
        var page = await runner.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("TrustFundGrants</title>", page, StringComparison.Ordinal);
    }
}
