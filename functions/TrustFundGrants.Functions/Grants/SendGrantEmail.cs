using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Emails the grantee about its grant, once per message however often it is delivered (<see cref="EmailOnce"/>).
/// Composed when sent: a reminder for a report submitted meanwhile says nothing, while news of something that
/// happened (an agreement sent, a report returned) is sent even if the grantee has acted on it since.
/// </summary>
public sealed class SendGrantEmail(GrantStore grants, EmailOnce once, IOptions<AuthOptions> options)
{
    [Function(nameof(SendGrantEmail))]
    public async Task Run([QueueTrigger(GrantEmailMessage.Queue)] GrantEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await once.SendAsync(grants.Client, message.GrantId, GrantEmailMessage.Queue, message, async ct =>
        {
            var file = await grants.ReadAsync(message.GrantId, ct);
            return file is null || file.Grant.ContactEmail.Length == 0 ? null : Compose(message, file);
        }, cancellationToken);
    }

    private EmailMessage? Compose(GrantEmailMessage message, GrantFile file)
    {
        var grant = file.Grant;
        var money = (long minor) => new Money(minor, grant.CurrencyCode).ToString();
        var link = new Uri(options.Value.PortalBaseUrl, "/my-grant.html?id=" + grant.PartitionKey);
        var report = message.Number is { } n ? file.Report(n) : null;
        var name = $"\"{grant.Title}\" ({grant.Reference})";
        var due = report is null ? string.Empty : DateOnly.ParseExact(report.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        return message.Kind switch
        {
            GrantEmailMessage.Kinds.AgreementReady when grant.Status is not (GrantStatus.Draft or GrantStatus.Terminated) => Mail(
                $"Grant agreement ready to sign: {grant.Reference}",
                $"The grant agreement for {name}, {money(grant.AmountMinor)}, is ready. Please read its terms and accept it:\n\n{link}"),
            GrantEmailMessage.Kinds.TranchePaid when message.Number is { } t && file.Tranche(t) is { Status: TrancheStatus.Paid } tranche => Mail(
                $"Tranche {t} paid: {grant.Reference}",
                $"Tranche {t} of {name}, {money(tranche.AmountMinor)}, was paid with reference {tranche.PaymentReference} (value date {tranche.ValueDate}).\n\n{link}"),
            GrantEmailMessage.Kinds.ReportDueSoon or GrantEmailMessage.Kinds.ReportDueVerySoon when report is not null && ReportStatus.Owed(report.Status) => Mail(
                $"Report {report.Number} due on {due}: {grant.Reference}",
                $"The {report.Kind} report for {name} is due on {due}. You can write and submit it here:\n\n{link}"),
            GrantEmailMessage.Kinds.ReportOverdue when report is not null && ReportStatus.Owed(report.Status) => Mail(
                $"Report {report.Number} overdue: {grant.Reference}",
                $"The {report.Kind} report for {name} was due on {due} and has not been submitted. Further tranches wait for it.\n\n{link}"),
            GrantEmailMessage.Kinds.ReportReturned when report is { Comments: not null } => Mail(
                $"Report {report.Number} returned for changes: {grant.Reference}",
                $"The Secretariat returned the {report.Kind} report for {name} with these comments:\n\n{report.Comments}\n\nPlease correct it and submit it again:\n\n{link}"),
            GrantEmailMessage.Kinds.ReportAccepted when report is { Status: ReportStatus.Accepted } => Mail(
                $"Report {report.Number} accepted: {grant.Reference}",
                $"The Secretariat accepted the {report.Kind} report for {name}."
                + (grant.RefundOwedMinor > grant.RefundedMinor ? $" The report shows {money(grant.RefundOwedMinor - grant.RefundedMinor)} unspent; please return it to the fund." : string.Empty)
                + $"\n\n{link}"),
            _ => null,
        };

        EmailMessage Mail(string subject, string text) => new(grant.ContactEmail, subject, text);
    }
}
