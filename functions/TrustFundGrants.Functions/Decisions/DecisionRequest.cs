using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>The secretariat's outcome for one application, the amount of an approval, and the panel's reasoning.</summary>
public sealed record DecisionRequest(string Outcome, string Rationale, AmountJson? ApprovedAmount = null)
{
    /// <summary>
    /// The approved amount (zero for a rejection or waitlisting); every field that is not sound adds its
    /// error to <paramref name="errors"/>, and the amount is then not to be used.
    /// </summary>
    public Money Validate(CurrencyCode currency, long? requestedMinor, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var approved = Money.Zero(currency);
        if (!DecisionOutcome.IsKnown(Outcome))
        {
            errors["outcome"] = ["Decide approved, rejected or waitlisted."];
        }
        else if (Outcome == DecisionOutcome.Approved)
        {
            if (ApprovedAmount is null)
            {
                errors["approvedAmount"] = ["An approval names the amount."];
            }
            else if (ApprovedAmount.Read(currency, "approvedAmount", errors) is { } amount)
            {
                if (amount.MinorUnits <= 0)
                {
                    errors["approvedAmount.amount"] = ["Approve an amount above zero."];
                }
                else if (amount.MinorUnits > (requestedMinor ?? 0))
                {
                    errors["approvedAmount.amount"] = [$"Approve at most the requested {new Money(requestedMinor ?? 0, currency)}."];
                }
                else
                {
                    approved = amount;
                }
            }
        }
        else if (ApprovedAmount is not null)
        {
            errors["approvedAmount"] = ["Only an approval names an amount."];
        }

        if (string.IsNullOrWhiteSpace(Rationale) || Rationale.Trim().Length > 4000)
        {
            errors["rationale"] = ["Give the panel's reasoning (up to 4,000 characters); the applicant reads it when decisions are released."];
        }

        return approved;
    }
}
