using System.Net;
using Microsoft.Extensions.Options;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;
using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Tests.Platform.Email;

public sealed class SendGridEmailSenderTests : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<ISendGridClient> client = new(MockBehavior.Strict);
    private readonly List<SendGridMessage> sent = [];

    private readonly EmailOptions options = new()
    {
        FromAddress = "secretariat@fund.example",
        FromName = "Fund Secretariat",
        SendGridApiKey = "SG.test",
    };

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public async Task SendAsync_WithReplyTo_SetsReplyToAndWithoutItNone()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Decision", "Text") { ReplyTo = "secretariat@fund.example" }, cancellation.Token);
        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Decision", "Text"), cancellation.Token);

        Assert.Equal("secretariat@fund.example", sent[0].ReplyTo?.Email);
        Assert.Null(sent[1].ReplyTo);
    }

    [Fact]
    public async Task SendAsync_Message_FromAddressAndNameFromOptions()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Your sign-in link", "Open the link."), cancellation.Token);

        var mail = Assert.Single(sent);
        Assert.Equal("secretariat@fund.example", mail.From.Email);
        Assert.Equal("Fund Secretariat", mail.From.Name);
    }

    [Fact]
    public async Task SendAsync_Message_OneRecipientSubjectAndBothBodies()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(
            new EmailMessage("ngo@example.org", "Your sign-in link", "Open https://fund.example/s/abc", "<a href=\"https://fund.example/s/abc\">Sign in</a>"),
            cancellation.Token);

        var mail = Assert.Single(sent);
        var personalization = Assert.Single(mail.Personalizations);
        var to = Assert.Single(personalization.Tos);
        Assert.Equal("ngo@example.org", to.Email);
        // SendGrid takes a personalization's subject over the message's.
        Assert.Equal("Your sign-in link", personalization.Subject ?? mail.Subject);
        Assert.Collection(
            mail.Contents,
            text =>
            {
                Assert.Equal("text/plain", text.Type);
                Assert.Equal("Open https://fund.example/s/abc", text.Value);
            },
            html =>
            {
                Assert.Equal("text/html", html.Type);
                Assert.Equal("<a href=\"https://fund.example/s/abc\">Sign in</a>", html.Value);
            });
    }

    [Fact]
    public async Task SendAsync_NoHtml_PlainTextOnly()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Your sign-in link", "Open the link."), cancellation.Token);

        var content = Assert.Single(Assert.Single(sent).Contents);
        Assert.Equal("text/plain", content.Type);
    }

    [Fact]
    public async Task SendAsync_Message_ClickTrackingDisabled()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Your sign-in link", "Open the link.", "<p>Open the link.</p>"), cancellation.Token);

        var tracking = Assert.Single(sent).TrackingSettings.ClickTracking;
        Assert.False(tracking.Enable);
        Assert.False(tracking.EnableText);
    }

    [Fact]
    public async Task SendAsync_Message_CarriesItsMessageIdAsACustomArg()
    {
        Answer(HttpStatusCode.Accepted);

        await Sender().SendAsync(new EmailMessage("ngo@example.org", "Subject", "Text") { MessageId = "0194-msg" }, cancellation.Token);

        Assert.Equal("0194-msg", Assert.Single(sent).CustomArgs["message_id"]);
    }

    [Fact]
    public async Task SendAsync_SendGridRefuses_EmailNotSentWithStatusCode()
    {
        Answer(HttpStatusCode.Unauthorized, """{"errors":[{"message":"The provided authorization grant is invalid."}]}""");

        var ex = await Assert.ThrowsAsync<EmailNotSentException>(() =>
            Sender().SendAsync(new EmailMessage("ngo@example.org", "Your sign-in link", "Open the link."), cancellation.Token));

        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains("authorization grant is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task SendAsync_NonSuccessStatus_EmailNotSent(HttpStatusCode status)
    {
        Answer(status);

        var ex = await Assert.ThrowsAsync<EmailNotSentException>(() =>
            Sender().SendAsync(new EmailMessage("ngo@example.org", "Subject", "Text"), cancellation.Token));

        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NullMessage_ThrowsWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Sender().SendAsync(null!, cancellation.Token));

        client.VerifyNoOtherCalls();
    }

    private SendGridEmailSender Sender() => new(client.Object, Options.Create(options));

    private void Answer(HttpStatusCode status, string body = "")
    {
        client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), cancellation.Token))
            .Callback((SendGridMessage mail, CancellationToken _) => sent.Add(mail))
            .ReturnsAsync(() => new Response(status, new StringContent(body), null));
    }
}
