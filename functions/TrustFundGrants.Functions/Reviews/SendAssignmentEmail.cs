using Azure.Data.Tables;
using TrustFundGrants.Domain;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Reviews;

/// <summary>
/// Emails a reviewer the applications one run gave them, once (<see cref="EmailOnce"/>; its claims
/// kept with the round's reminders), in their language. Listed when sent, not when owed: one the
/// reviewer stepped back from or was taken off meanwhile is left out, and if none is left nothing is sent.
/// </summary>
public sealed class SendAssignmentEmail(
    RoundStore rounds, ReviewStores stores, TableServiceClient tables, UserLanguages languages, EmailOnce once, IOptions<AuthOptions> options)
{
    private static readonly string[] Listed = ["Reference", "ApplicationTitle"];

    [Function(nameof(SendAssignmentEmail))]
    public async Task Run([QueueTrigger(AssignmentEmailMessage.Queue)] AssignmentEmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = tables.GetTableClient(ReminderStore.Table);
        await once.SendAsync(table, message.RoundId, AssignmentEmailMessage.Queue, message, ComposeAsync, cancellationToken);

        async Task<EmailMessage?> ComposeAsync(CancellationToken ct)
        {
            var reviewer = await stores.Reviewers.GetEntityIfExistsAsync<ReviewerEntity>(message.RoundId, message.ReviewerId, cancellationToken: ct);
            if (!reviewer.HasValue || reviewer.Value is null)
            {
                return null;
            }

            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {message.RoundId} and ReviewerId eq {message.ReviewerId} and RunId eq {message.RunId} and Recused eq {false}");
            var given = new List<AssignmentEntity>();
            await foreach (var assignment in stores.Assignments.QueryAsync<AssignmentEntity>(filter, select: Listed, cancellationToken: ct))
            {
                given.Add(assignment);
            }

            if (given.Count == 0)
            {
                return null;
            }

            // Rounds are never deleted: a message naming none is bad input, failed (and poisoned) rather than remembered.
            var round = await rounds.FindAsync(message.RoundId, ct) ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
            var language = await languages.ForAsync(reviewer.Value.Email, null, ct);
            return Compose(reviewer.Value.Email, language, round, given, options.Value.PortalBaseUrl);
        }
    }

    public static EmailMessage Compose(string to, string language, RoundEntity round, IReadOnlyCollection<AssignmentEntity> given, Uri portal)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(given);
        var values = new Dictionary<string, string>
        {
            ["round"] = round.Title,
            ["count"] = given.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["list"] = string.Join('\n', given
                .OrderBy(a => a.Reference, StringComparer.Ordinal)
                .Select(a => $"- {a.Reference ?? "-"}: {TextLine.Sanitize(a.ApplicationTitle, 200)}")),
            ["link"] = new Uri(portal, "/review/assignments.html").ToString(),
        };
        values["due"] = round.ReviewDueAt is { } due
            ? EmailCatalogue.Render(language, "reviewer.assignments.due", new Dictionary<string, string> { ["due"] = new EmailLocale(language, round.TimeZone).DateTime(due) })
            : string.Empty;
        return EmailCatalogue.Letter(to, language, "reviewer.assignments", values);
    }
}
