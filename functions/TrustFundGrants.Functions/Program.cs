using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using TrustFundGrants.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The LocalRunner runs no worker middleware; it calls the same RequestGuard around each HTTP invocation.
builder.UseMiddleware<TrustFundGrants.Functions.Platform.Http.RequestGuardMiddleware>();
builder.Services.AddTrustFundGrants(builder.Configuration);
builder.Build().Run();
