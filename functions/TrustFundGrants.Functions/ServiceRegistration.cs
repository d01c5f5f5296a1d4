using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Exports;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Health;
using TrustFundGrants.Functions.Identity;
using TrustFundGrants.Functions.Invitations;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.RateLimiting;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Reviews.Reminders;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions;

/// <summary>
/// Everything the app needs, registered once. Both hosts call this: the Functions host through
/// Program.cs and the LocalRunner directly, so they can never drift apart.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddTrustFundGrants(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddHttpPlatform(configuration);
        services.AddEmail(configuration);
        services.AddOutbox();
        services.AddSingleton<Platform.Concurrency.ConflictRetry>();
        services.AddAudit();
        services.AddRateLimiting();
        services.AddHealth();
        services.AddAuth(configuration);
        services.AddIdentityFeatures();
        services.AddInvitations();
        services.AddOrganisations();
        services.AddFunds();
        services.AddRounds();
        services.AddApplications();
        services.AddReviews();
        services.AddReviewerReminders();
        services.AddGrants();
        services.AddDonors();
        services.AddContributions();
        services.AddProjections(configuration);
        services.AddExports(configuration);
        return services;
    }
}
