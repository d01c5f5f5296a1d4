using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Reviews.Reminders;

internal static class RemindersRegistration
{
    public static IServiceCollection AddReviewerReminders(this IServiceCollection services) =>
        services
            .AddOutboxTable(ReminderStore.Table)
            .AddQueue(ReviewerReminderMessage.Queue);
}
