namespace TrustFundGrants.Domain;

/// <summary>An application that passed screening and so needs reviewers, with the organisation that sent it.</summary>
public sealed record EligibleApplication(string ApplicationId, string OrganisationId);

/// <summary>
/// A reviewer's standing tie to an organisation. Conflicts are declared once, not per round, so a caller may
/// pass conflicts of people outside this round's pool; those are simply not needed.
/// </summary>
public sealed record DeclaredConflict(string ReviewerId, string OrganisationId);

/// <summary>
/// An assignment that already exists, as storage holds it. A recused one no longer counts towards the
/// application's reviewers or the reviewer's load, but it still bars that reviewer from the application:
/// someone who stepped back must not be handed the same proposal again by the next run.
/// </summary>
public sealed record ExistingAssignment(string ApplicationId, string ReviewerId, bool Recused);
