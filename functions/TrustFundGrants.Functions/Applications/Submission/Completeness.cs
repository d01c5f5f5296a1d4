using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Submission;

/// <summary>What a draft still lacks before it can be submitted, as field errors an applicant can work through.</summary>
public static class Completeness
{
    public static Dictionary<string, string[]> Check(ApplicationEntity application, RoundEntity round, IReadOnlyCollection<string> documentTypes)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(round);
        var errors = new Dictionary<string, string[]>();
        var details = ApplicationDetails.Parse(application.DetailsJson);
        var currency = CurrencyCode.Parse(round.Currency);
        void Missing(string field, string message) => errors[field] = [message];

        if (application.Title.Length == 0)
        {
            Missing("title", "Give the project a title.");
        }

        if (application.Summary.Length == 0)
        {
            Missing("summary", "Summarise the project.");
        }

        if (application.RequestedMinor is not { } requested)
        {
            Missing("requestedAmount", "Say how much you request.");
        }
        else if (requested < round.MinGrantMinor || requested > round.MaxGrantMinor)
        {
            Missing("requestedAmount", $"Request between {new Money(round.MinGrantMinor, currency)} and {new Money(round.MaxGrantMinor, currency)}.");
        }
        else if (details.BudgetLines.Count == 0)
        {
            Missing("budgetLines", "Add the budget, line by line.");
        }
        else
        {
            var total = Money.Sum(details.BudgetLines.Select(l => Money.TryParse(l.Amount.Amount, currency, out var m, out _) ? m : Money.Zero(currency)), currency);
            if (total.MinorUnits != requested)
            {
                Missing("budgetLines", $"The budget lines add up to {total}; they must equal the requested {new Money(requested, currency)}.");
            }
        }

        if (application.DurationMonths is not { } months)
        {
            Missing("durationMonths", "Say how many months the project lasts.");
        }
        else if (months > round.MaxDurationMonths)
        {
            Missing("durationMonths", $"This round funds projects of at most {round.MaxDurationMonths} months.");
        }

        if (details.Countries.Count == 0)
        {
            Missing("countries", "Name at least one country where the project works.");
        }

        if (details.ExploitationForms.Count == 0)
        {
            Missing("exploitationForms", "Name the forms of exploitation the project addresses.");
        }

        if (details.PlannedBeneficiaries.Count == 0)
        {
            Missing("plannedBeneficiaries", "Estimate how many people the project will reach, as counts by sex and age group.");
        }

        foreach (var question in round.EligibilityQuestions())
        {
            if (!details.EligibilityAnswers.ContainsKey(question.Id))
            {
                Missing($"eligibilityAnswers.{question.Id}", "Answer: " + question.Question);
            }
        }

        foreach (var document in round.RequiredDocuments())
        {
            if (!documentTypes.Contains(document.Type))
            {
                Missing($"documents.{document.Type}", $"Upload the {document.Title}.");
            }
        }

        return errors;
    }
}
