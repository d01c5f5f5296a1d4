using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// Emails the applicant about their application, once per message however often it is delivered
/// (<see cref="EmailOnce"/>), in the submitter's stored language, dates on the round's clock.
/// </summary>
public sealed class SendApplicationEmail(
    ApplicationStore applications, RoundStore rounds, FundStore funds, UserLanguages languages, EmailOnce once, IOptions<AuthOptions> options)
{
    [Function(nameof(SendApplicationEmail))]
    public async Task Run([QueueTrigger(ApplicationEmailMessage.Queue)] ApplicationEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = applications.Client;
        await once.SendAsync(table, message.RoundId, ApplicationEmailMessage.Queue, message, async ct =>
        {
            var application = (await table.GetEntityAsync<ApplicationEntity>(message.RoundId, message.ApplicationId, cancellationToken: ct)).Value;
            if (application.SubmittedByEmail is not { } to)
            {
                return null;
            }

            var round = await rounds.TermsAsync(message.RoundId, ct)
                ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
            var fund = await funds.FindAsync(round.FundId, ct);
            var language = await languages.ForAsync(to, null, ct);
            return ApplicationLetters.Compose(message.Kind, application, round, fund?.ReplyTo, to, language, options.Value.PortalBaseUrl);
        }, cancellationToken);
    }
}
