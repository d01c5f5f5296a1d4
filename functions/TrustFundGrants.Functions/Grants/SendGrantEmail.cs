using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Emails the grantee about its grant, once per message however often it is delivered (<see cref="EmailOnce"/>).
/// Composed when sent: a reminder for a report submitted meanwhile says nothing, while news of something that
/// happened (an agreement sent, a report returned) is sent even if the grantee has acted on it since.
/// </summary>
public sealed class SendGrantEmail(GrantStore grants, UserLanguages languages, EmailOnce once, IOptions<AuthOptions> options)
{
    [Function(nameof(SendGrantEmail))]
    public async Task Run([QueueTrigger(GrantEmailMessage.Queue)] GrantEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await once.SendAsync(grants.Client, message.GrantId, GrantEmailMessage.Queue, message, async ct =>
        {
            var file = await grants.ReadAsync(message.GrantId, ct);
            return file is null || file.Grant.ContactEmail.Length == 0
                ? null
                : Compose(message, file, options.Value.PortalBaseUrl, await languages.ForAsync(file.Grant.ContactEmail, null, ct));
        }, cancellationToken);
    }

    /// <summary>The letter a message owes, or null when what it was about no longer holds (a report submitted meanwhile).</summary>
    public static EmailMessage? Compose(GrantEmailMessage message, GrantFile file, Uri portal, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(file);
        var grant = file.Grant;
        var locale = new EmailLocale(language);
        var money = (long minor) => locale.Money(new Money(minor, grant.CurrencyCode));
        var report = message.Number is { } n ? file.Report(n) : null;
        var values = new Dictionary<string, string>
        {
            ["reference"] = grant.Reference,
            ["name"] = $"\"{grant.Title}\" ({grant.Reference})",
            ["link"] = new Uri(portal, "/applicant/grant.html?id=" + grant.PartitionKey).ToString(),
            ["amount"] = money(grant.AmountMinor),
            ["number"] = message.Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        };
        if (report is not null)
        {
            values["kind"] = EmailCatalogue.Render(language, "report." + report.Kind, values);
            values["due"] = locale.Date(DateOnly.ParseExact(report.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture));
            values["comments"] = report.Comments ?? string.Empty;
            values["refund"] = grant.RefundOwedMinor > grant.RefundedMinor
                ? EmailCatalogue.Render(language, "grant.refundOwed", new Dictionary<string, string> { ["amount"] = money(grant.RefundOwedMinor - grant.RefundedMinor) })
                : string.Empty;
        }

        var letter = message.Kind switch
        {
            GrantEmailMessage.Kinds.AgreementReady when grant.Status is not (GrantStatus.Draft or GrantStatus.Terminated) => "grant.agreementReady",
            GrantEmailMessage.Kinds.TranchePaid when message.Number is { } t && file.Tranche(t) is { Status: TrancheStatus.Paid } tranche
                => Tranche(tranche.AmountMinor, tranche.PaymentReference, tranche.ValueDate),
            GrantEmailMessage.Kinds.ReportDueSoon or GrantEmailMessage.Kinds.ReportDueVerySoon when report is not null && ReportStatus.Owed(report.Status) => "grant.reportDue",
            GrantEmailMessage.Kinds.ReportOverdue when report is not null && ReportStatus.Owed(report.Status) => "grant.reportOverdue",
            GrantEmailMessage.Kinds.ReportReturned when report is { Comments: not null } => "grant.reportReturned",
            GrantEmailMessage.Kinds.ReportAccepted when report is { Status: ReportStatus.Accepted } => "grant.reportAccepted",
            _ => null,
        };
        return letter is null ? null : EmailCatalogue.Letter(grant.ContactEmail, language, letter, values);

        string Tranche(long amountMinor, string? paymentReference, string? valueDate)
        {
            values["amount"] = money(amountMinor);
            values["paymentReference"] = paymentReference ?? "-";
            values["valueDate"] = valueDate is { Length: > 0 } && DateOnly.TryParseExact(valueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? locale.Date(day)
                : valueDate ?? "-";
            return "grant.tranchePaid";
        }
    }
}
