using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.LocalRunner.Timers;

/// <summary>
/// One timer trigger on its 6-field NCRONTAB schedule (seconds first), in UTC as the Functions host
/// uses by default. Runs never overlap: a run that outlasts its interval skips the missed occurrences.
/// </summary>
internal sealed partial class TimerTriggerScheduler(
    FunctionMetadata function,
    FunctionInvoker invoker,
    CrontabSchedule schedule,
    bool runOnStartup,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    public static (TimerTriggerScheduler Scheduler, ServedFunction Served) Create(
        FunctionMetadata function, IConfiguration configuration, IServiceProvider services)
    {
        var trigger = function.Trigger;
        var expression = Settings.Resolve(trigger.Get("schedule"), configuration)
            ?? throw new UnsupportedFunctionException(function.Name, "its timer trigger has no schedule");
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new UnsupportedFunctionException(function.Name, $"'{expression}' is not a 6-field NCRONTAB expression (second minute hour day month weekday)");
        var invoker = new FunctionInvoker(function, p => Binder(p, trigger.Name));
        var scheduler = new TimerTriggerScheduler(
            function,
            invoker,
            schedule,
            trigger.GetBool("runOnStartup"),
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Timer." + function.Name));
        return (scheduler, new ServedFunction(function.Name, "timer", expression));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTime? last = null;
        if (runOnStartup)
        {
            last = await RunAsync(null, stoppingToken);
        }

        DateTime? previous = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Counted from the previous occurrence, not the clock: a timer may wake a fraction early, and
            // "the next occurrence after now" would then be the one that just ran.
            var now = time.GetUtcNow().UtcDateTime;
            var next = schedule.GetNextOccurrence(previous is { } p && p > now ? p : now);
            try
            {
                while (time.GetUtcNow().UtcDateTime < next)
                {
                    await Task.Delay(next - time.GetUtcNow().UtcDateTime + TimeSpan.FromMilliseconds(1), time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            previous = next;
            last = await RunAsync(last, stoppingToken, next);
        }
    }

    private async Task<DateTime> RunAsync(DateTime? last, CancellationToken stoppingToken, DateTime? due = null)
    {
        var started = time.GetUtcNow().UtcDateTime;
        var info = new TimerInfo
        {
            // Past due when this run starts well after its occurrence, e.g. after the previous run overran.
            IsPastDue = due is { } d && started - d > TimeSpan.FromSeconds(5),
            ScheduleStatus = new ScheduleStatus { Last = last ?? DateTime.MinValue, Next = schedule.GetNextOccurrence(started), LastUpdated = started },
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, new InvocationArgs(info, stoppingToken));
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A failed run is logged and the schedule goes on, as in the Functions host.
            LogFailed(logger, ex, function.Name);
        }

        return started;
    }

    private static Func<InvocationArgs, object?>? Binder(ParameterInfo parameter, string triggerName) =>
        parameter.ParameterType == typeof(CancellationToken) ? args => args.Cancellation
        : parameter.ParameterType == typeof(TimerInfo) && parameter.Name == triggerName ? args => args.Trigger
        : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
