using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>Emails the applicant about their application, once per message however often it is delivered (<see cref="EmailOnce"/>).</summary>
public sealed class SendApplicationEmail(ApplicationStore applications, RoundStore rounds, EmailOnce once)
{
    [Function(nameof(SendApplicationEmail))]
    public async Task Run([QueueTrigger(ApplicationEmailMessage.Queue)] ApplicationEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = applications.Client;
        await once.SendAsync(table, message.RoundId, ApplicationEmailMessage.Queue, message, async ct =>
        {
            var application = (await table.GetEntityAsync<ApplicationEntity>(message.RoundId, message.ApplicationId, cancellationToken: ct)).Value;
            var round = await rounds.TermsAsync(message.RoundId, ct)
                ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
            return application.SubmittedByEmail is { } to ? Compose(message.Kind, application, round, to) : null;
        }, cancellationToken);
    }

    private static EmailMessage Compose(string kind, ApplicationEntity application, RoundEntity round, string to)
    {
        var submitted = application.SubmittedAt is { } at ? $"{RoundSchedule.InZone(at, round.TimeZone):yyyy-MM-dd HH:mm} ({round.TimeZone})" : "-";
        return kind switch
        {
            ApplicationEmailMessage.Kinds.Acknowledgement => new EmailMessage(
                to,
                $"Application received: {application.Reference}",
                $"We received your application \"{application.Title}\" to \"{round.Title}\" on {submitted}.\n\n"
                + $"Your reference number is {application.Reference}. Please quote it in any message about this application.\n\n"
                + "We check eligibility next and will write to you with the result."),
            ApplicationEmailMessage.Kinds.Screening when application.Status == ApplicationStatus.Eligible => new EmailMessage(
                to,
                $"Eligible for review: {application.Reference}",
                $"Your application \"{application.Title}\" ({application.Reference}) meets the eligibility requirements of \"{round.Title}\". "
                + "It now goes to the review panel."),
            ApplicationEmailMessage.Kinds.Screening => new EmailMessage(
                to,
                $"Not eligible: {application.Reference}",
                $"Your application \"{application.Title}\" ({application.Reference}) does not meet the eligibility requirements of \"{round.Title}\":\n\n- "
                + string.Join("\n- ", application.ScreeningReasons.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                + "\n\nIf you think this is a mistake, reply to this email quoting your reference number."),
            ApplicationEmailMessage.Kinds.Decision when application.Status == ApplicationStatus.Approved => new EmailMessage(
                to,
                $"Grant approved: {application.Reference}",
                $"We are glad to tell you that \"{application.Title}\" ({application.Reference}) is approved for a grant of "
                + $"{new Money(application.ApprovedMinor ?? 0, CurrencyCode.Parse(application.Currency))} under \"{round.Title}\".\n\n"
                + $"The panel's comments:\n{application.DecisionRationale}\n\nThe secretariat will write to you about the grant agreement and its first tranche."),
            ApplicationEmailMessage.Kinds.Decision => new EmailMessage(
                to,
                $"Decision on your application: {application.Reference}",
                $"Thank you for applying to \"{round.Title}\" with \"{application.Title}\" ({application.Reference}). "
                + (application.Status == ApplicationStatus.Waitlisted
                    ? "The panel placed it on the waiting list: if funds become available, the secretariat will contact you."
                    : "The panel could not recommend it for funding in this round.")
                + $"\n\nThe panel's feedback:\n{application.DecisionRationale}"),
            _ => throw new FormatException($"Unknown application email kind '{kind}'."),
        };
    }
}
