namespace TrustFundGrants.Functions.Identity;

/// <summary>The language a person reads the portal and their emails in.</summary>
public sealed record LanguageRequest(string Language);
