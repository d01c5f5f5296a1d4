using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Tests.Platform.Auth;

public sealed class SessionTokensTests
{
    private static readonly Caller Applicant = new("user-1", "ngo@example.org", "ngo@example.org", [Roles.Applicant], "org-1", null);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));

    private static IOptions<AuthOptions> Options(string? key = null) =>
        Microsoft.Extensions.Options.Options.Create(new AuthOptions { SigningKey = key ?? Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()) });

    [Fact]
    public async Task ValidateAsync_TokenItIssued_ReturnsTheSameCaller()
    {
        var tokens = new SessionTokens(Options(), clock);
        var (token, expiresAt) = tokens.Issue(Applicant);

        var caller = await tokens.ValidateAsync(token);

        Assert.Equal(Applicant.UserId, caller?.UserId);
        Assert.Equal(Applicant.Email, caller?.Email);
        Assert.Equal(Applicant.Roles, caller?.Roles);
        Assert.Equal("org-1", caller?.OrganisationId);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromHours(8), expiresAt);
    }

    [Fact]
    public async Task Issue_EachSession_HasItsOwnIdAndCarriesTheUsersGeneration()
    {
        var tokens = new SessionTokens(Options(), clock);

        var first = await tokens.ValidateAsync(tokens.Issue(Applicant with { SessionGeneration = 4 }).Token);
        var second = await tokens.ValidateAsync(tokens.Issue(Applicant with { SessionGeneration = 4 }).Token);

        Assert.NotNull(first?.SessionId);
        Assert.NotEqual(first.SessionId, second?.SessionId);
        Assert.Equal(4, first.SessionGeneration);
    }

    [Fact]
    public async Task ValidateAsync_SignedTokenWithoutSessionId_ReturnsNull()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String(Options().Value.SigningKey));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = "trustfundgrants",
            Audience = "trustfundgrants",
            Expires = clock.GetUtcNow().AddHours(1).UtcDateTime,
            Claims = new Dictionary<string, object> { ["sub"] = "user-1", ["email"] = "ngo@example.org", ["roles"] = "Secretariat" },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "HS256"),
        });

        Assert.Null(await new SessionTokens(Options(), clock).ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_AfterEightHours_ReturnsNull()
    {
        var tokens = new SessionTokens(Options(), clock);
        var (token, _) = tokens.Issue(Applicant);

        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Null(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_JustBeforeExpiry_ReturnsTheCaller()
    {
        var tokens = new SessionTokens(Options(), clock);
        var (token, _) = tokens.Issue(Applicant);

        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));

        Assert.NotNull(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task ValidateAsync_TokenSignedWithAnotherKey_ReturnsNull()
    {
        var other = new SessionTokens(Options(Convert.ToBase64String(new byte[32])), clock);
        var (token, _) = other.Issue(Applicant);

        Assert.Null(await new SessionTokens(Options(), clock).ValidateAsync(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task ValidateAsync_Garbage_ReturnsNull(string token) =>
        Assert.Null(await new SessionTokens(Options(), clock).ValidateAsync(token));

    [Fact]
    public void Constructor_ShortKey_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SessionTokens(Options(Convert.ToBase64String(new byte[16])), clock));

        Assert.Contains("Auth__SigningKey", error.Message, StringComparison.Ordinal);
    }
}
