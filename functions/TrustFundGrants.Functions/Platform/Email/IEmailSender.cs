using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Platform.Email;

/// <summary>Sends one email. Features depend on this, never on SendGrid, so units test without a network.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// One message to one recipient. <c>Text</c> is required; plain text reads on every client and connection.
/// The subject is made one line of visible text however it was built, since it often carries names
/// people typed (an organisation, a round, an application title).
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Text, string? Html = null)
{
    public const int MaxSubjectLength = 200;

    public string Subject { get; } = TextLine.Sanitize(Subject, MaxSubjectLength);

    /// <summary>
    /// Sent to SendGrid as <c>custom_args.message_id</c>, so its activity feed shows which emails are the same one
    /// sent twice. <see cref="EmailOnce"/> sets the queue message's id, which every redelivery shares.
    /// </summary>
    public string MessageId { get; init; } = Guid.CreateVersion7().ToString();

    /// <summary>Where a reply goes (the fund's address), since the sender is a no-reply address; null: no Reply-To.</summary>
    public string? ReplyTo { get; init; }
}
