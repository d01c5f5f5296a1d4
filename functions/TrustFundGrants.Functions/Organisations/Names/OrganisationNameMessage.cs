using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Organisations.Names;

/// <summary>An organisation was registered or renamed: its words in the name index are brought up to date.</summary>
public sealed record OrganisationNameMessage(string OrganisationId) : WorkMessage
{
    public const string Queue = "organisation-names";
}
