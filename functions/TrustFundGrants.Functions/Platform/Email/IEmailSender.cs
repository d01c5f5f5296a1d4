namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>Sends one email. Features depend on this, never on SendGrid, so units test without a network.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>One message to one recipient. <c>Text</c> is required; plain text reads on every client and connection.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string? Html = null)
{
    /// <summary>
    /// Sent to SendGrid as <c>custom_args.message_id</c>, so its activity feed shows which emails are the same one
    /// sent twice. <see cref="EmailOnce"/> sets the queue message's id, which every redelivery shares.
    /// </summary>
    public string MessageId { get; init; } = Guid.CreateVersion7().ToString();
}
