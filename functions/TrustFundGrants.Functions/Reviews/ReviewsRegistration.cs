using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Reviews;

internal static class ReviewsRegistration
{
    public static IServiceCollection AddReviews(this IServiceCollection services) =>
        services
            .AddOutboxTable(ReviewStores.ReviewersTable)
            .AddOutboxTable(ReviewStores.ConflictsTable)
            .AddOutboxTable(ReviewStores.AssignmentsTable)
            .AddQueue(AssignmentEmailMessage.Queue)
            .AddSingleton<ReviewStores>()
            .AddSingleton<ReviewerTies>();
}
