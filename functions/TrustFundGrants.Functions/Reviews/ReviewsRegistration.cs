using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Reviews;

internal static class ReviewsRegistration
{
    public static IServiceCollection AddReviews(this IServiceCollection services) =>
        services
            .AddTable(ReviewStores.ReviewersTable)
            .AddTable(ReviewStores.ConflictsTable)
            .AddTable(ReviewStores.AssignmentsTable)
            .AddSingleton<ReviewStores>()
            .AddSingleton<ReviewerTies>();
}
