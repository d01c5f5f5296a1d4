using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>
/// The one place that talks to SendGrid. The client is built once from options; locally its host is
/// the LocalRunner's capturing endpoint, so this exact code path runs on a developer's machine too.
/// </summary>
internal sealed class SendGridEmailSender(ISendGridClient client, IOptions<EmailOptions> options) : IEmailSender
{
    /// <summary>The <c>custom_args</c> key that carries <see cref="EmailMessage.MessageId"/>.</summary>
    public const string MessageIdArg = "message_id";

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(settings.FromAddress, settings.FromName),
            new EmailAddress(message.To),
            message.Subject,
            message.Text,
            message.Html);

        if (message.ReplyTo is { Length: > 0 } replyTo)
        {
            mail.SetReplyTo(new EmailAddress(replyTo));
        }

        // Links in these mails are sign-in tokens; click tracking would rewrite them through a third party.
        mail.SetClickTracking(false, false);
        // Top-level custom_args: SendGrid shows them on the message in its activity feed and echoes them in events.
        mail.CustomArgs = new Dictionary<string, string> { [MessageIdArg] = message.MessageId };
        var response = await client.SendEmailAsync(mail, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Body.ReadAsStringAsync(cancellationToken);
            throw new EmailNotSentException($"SendGrid answered {(int)response.StatusCode}: {body}");
        }
    }
}

/// <summary>Thrown so a queue-triggered sender retries, then poisons, rather than losing the mail.</summary>
public sealed class EmailNotSentException(string message) : Exception(message);
