namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// A sign-in request: the address, and the language of the page it was asked from, in which the link
/// is written (a first sign-in has no stored language yet; a returning person's page shows their own).
/// </summary>
public sealed record SignInRequest(string Email, string? Language = null);
