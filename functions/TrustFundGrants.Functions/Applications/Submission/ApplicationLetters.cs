using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>
/// The letters about an application, from the email catalogue. Those that may raise a question (not
/// eligible, not funded, waitlisted) never invite a reply to the no-reply sender: with the fund's
/// reply-to they say replies reach it (every letter carries it as Reply-To); without one they say
/// replies are not read and where the application can be seen.
/// </summary>
public static class ApplicationLetters
{
    public static EmailMessage Compose(
        string kind, ApplicationEntity application, RoundEntity round, string? replyTo, string to, string language, Uri portal)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(round);
        var locale = new EmailLocale(language, round.TimeZone);
        var values = new Dictionary<string, string>
        {
            ["title"] = application.Title,
            ["round"] = round.Title,
            ["reference"] = application.Reference ?? "-",
            ["submitted"] = application.SubmittedAt is { } at ? locale.DateTime(at) : "-",
            ["rationale"] = application.DecisionRationale ?? string.Empty,
            ["reasons"] = "- " + string.Join("\n- ", application.ScreeningReasons.Split('\n', StringSplitOptions.RemoveEmptyEntries)),
            ["amount"] = application.ApprovedMinor is { } minor ? locale.Money(new Money(minor, CurrencyCode.Parse(application.Currency))) : "-",
        };
        values["contact"] = replyTo is null
            ? EmailCatalogue.Render(language, "contact.portal", new Dictionary<string, string>(values) { ["link"] = new Uri(portal, "/applicant/application.html?id=" + application.RowKey).ToString() })
            : EmailCatalogue.Render(language, "contact.replyTo", new Dictionary<string, string>(values) { ["replyTo"] = replyTo });
        var letter = (kind, application.Status) switch
        {
            (ApplicationEmailMessage.Kinds.Acknowledgement, _) => "application.acknowledgement",
            (ApplicationEmailMessage.Kinds.Screening, ApplicationStatus.Eligible) => "application.eligible",
            (ApplicationEmailMessage.Kinds.Screening, _) => "application.ineligible",
            (ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Approved) => "decision.approved",
            (ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Waitlisted) => "decision.waitlisted",
            (ApplicationEmailMessage.Kinds.Decision, _) => "decision.rejected",
            _ => throw new FormatException($"Unknown application email kind '{kind}'."),
        };

        // Every letter carries the fund's Reply-To when there is one, so no reply is lost; those that raise questions also say so.
        return EmailCatalogue.Letter(to, language, letter, values, replyTo);
    }
}
