using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Invitations;

internal static class InvitationsRegistration
{
    public static IServiceCollection AddInvitations(this IServiceCollection services) =>
        services
            .AddOutboxTable(InvitationLog.Table)
            .AddQueue(InvitationEmailMessage.Queue)
            .AddSingleton<InvitationLog>();
}
