using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Functions;

try
{
    await RunnerApp.Build(args).RunAsync();
    return 0;
}
catch (UnsupportedFunctionException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
