using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Platform.Audit;

internal static class AuditRegistration
{
    public static IServiceCollection AddAudit(this IServiceCollection services) =>
        services
            .AddTable(AuditLog.Table)
            .AddQueue(AuditMessage.Queue)
            .AddSingleton<AuditLog>();
}
