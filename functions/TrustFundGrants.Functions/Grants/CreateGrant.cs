using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Creates the Draft grant a released approval owes, carrying the application's approved amount, budget,
/// countries, forms of exploitation and target groups. The grant's id is the application's, so a second
/// delivery, or a second release, finds the grant there and adds nothing.
/// </summary>
public sealed class CreateGrant(ApplicationStore applications, RoundStore rounds, OrganisationStore organisations, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    public const string System = "system";

    [Function(nameof(CreateGrant))]
    public async Task Run([QueueTrigger(GrantCreationMessage.Queue)] GrantCreationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var found = await applications.Client.GetEntityIfExistsAsync<ApplicationEntity>(message.RoundId, message.ApplicationId, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { Status: ApplicationStatus.Approved, ApprovedMinor: > 0 } application)
        {
            return;
        }

        var round = await rounds.TermsAsync(message.RoundId, cancellationToken)
            ?? throw new InvalidOperationException($"Round {message.RoundId} does not exist.");
        var organisation = await organisations.FindAsync(application.OrganisationId, cancellationToken);
        var grant = From(application, round, organisation?.Name ?? string.Empty, time.GetUtcNow());
        await grants.AddAsync(grant, audit.Stage(grant.PartitionKey, System, System, "grant.created", "grant:" + grant.PartitionKey, null, new { grant.Status, grant.AmountMinor, grant.Currency }), cancellationToken);
    }

    public static GrantEntity From(ApplicationEntity application, RoundEntity round, string organisationName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(round);
        var details = ApplicationDetails.Parse(application.DetailsJson);
        var currency = CurrencyCode.Parse(application.Currency);
        var lines = details.BudgetLines.Select(l => new StoredBudgetLine(
            l.Category, l.Description, Money.TryParse(l.Amount.Amount, currency, out var m, out _) ? m.MinorUnits : 0)).ToArray();
        var grant = new GrantEntity
        {
            PartitionKey = application.RowKey,
            FundId = round.FundId,
            RoundId = round.RowKey,
            OrganisationId = application.OrganisationId,
            OrganisationName = organisationName,
            Title = application.Title,
            Reference = application.Reference ?? string.Empty,
            Currency = application.Currency,
            AmountMinor = application.ApprovedMinor ?? 0,
            Countries = string.Join(',', details.Countries),
            ExploitationForms = string.Join(',', details.ExploitationForms),
            TargetGroupsJson = JsonSerializer.Serialize(details.TargetGroups),
            ContactEmail = application.SubmittedByEmail ?? string.Empty,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        GrantBudget.Keep(grant, lines);
        GrantBudget.KeepSpent(grant, new long[lines.Length]);
        return grant;
    }
}
