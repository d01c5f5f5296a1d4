using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SendGrid;

namespace TrustFundGrants.Functions.Platform.Email;

internal static class EmailRegistration
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddHttpClient(nameof(SendGridClient));
        services.AddSingleton<ISendGridClient>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            if (string.IsNullOrWhiteSpace(settings.SendGridApiKey))
            {
                throw new InvalidOperationException("Email is not configured: set Email__SendGridApiKey (Key Vault in Azure).");
            }

            var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SendGridClient));
            var clientOptions = new SendGridClientOptions { ApiKey = settings.SendGridApiKey };
            if (!string.IsNullOrWhiteSpace(settings.SendGridHost))
            {
                clientOptions.Host = settings.SendGridHost;
            }

            return new SendGridClient(http, clientOptions);
        });
        services.AddSingleton<IEmailSender, SendGridEmailSender>();
        services.AddSingleton<EmailOnce>();
        return services;
    }
}
