using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>What a decision request must say, field by field.</summary>
public static class DecisionRules
{
    /// <summary>
    /// The errors per field, or null when the decision is sound; <paramref name="approved"/> is the
    /// approved amount (zero for a rejection or waitlisting).
    /// </summary>
    public static Dictionary<string, string[]>? Validate(DecisionRequest decision, CurrencyCode currency, long? requestedMinor, out Money approved)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var errors = new Dictionary<string, string[]>();
        approved = Money.Zero(currency);
        if (!DecisionOutcome.IsKnown(decision.Outcome))
        {
            errors["outcome"] = ["Decide approved, rejected or waitlisted."];
        }
        else if (decision.Outcome == DecisionOutcome.Approved)
        {
            if (decision.ApprovedAmount is null)
            {
                errors["approvedAmount"] = ["An approval names the amount."];
            }
            else if (decision.ApprovedAmount.Read(currency, "approvedAmount", errors) is { } amount)
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
        else if (decision.ApprovedAmount is not null)
        {
            errors["approvedAmount"] = ["Only an approval names an amount."];
        }

        if (string.IsNullOrWhiteSpace(decision.Rationale) || decision.Rationale.Trim().Length > 4000)
        {
            errors["rationale"] = ["Give the panel's reasoning (up to 4,000 characters); the applicant reads it when decisions are released."];
        }

        return errors.Count > 0 ? errors : null;
    }
}
