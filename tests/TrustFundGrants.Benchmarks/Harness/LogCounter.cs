using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Counts the runner's warnings and errors (queue retries, poisoned messages, failed releases) by
/// category and the first words of the message, so a scenario can say what went wrong, not only that
/// something did. Added to the runner's services as one more logger provider; the console logger
/// still prints everything to stderr.
/// </summary>
internal sealed partial class LogCounter : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> samples = new();

    public IReadOnlyDictionary<string, long> Counts => counts;

    /// <summary>The first few full messages (with their exception's first line), for the report.</summary>
    public IReadOnlyList<string> Samples => samples.ToArray();

    public long Total => counts.Values.Sum();

    /// <summary>Everything but the Azure SDK's own notices: the functions' failures and retries, failed releases, lost leases.</summary>
    public long Failures => counts.Where(c => !IsSdkNotice(c.Key)).Sum(c => c.Value);

    /// <summary>The Azure SDK's notices of slow responses ("Response [...] took 3.2s").</summary>
    public long SlowResponses => counts.Where(c => IsSlowResponse(c.Key)).Sum(c => c.Value);

    /// <summary>The Azure SDK's notices of error responses it handed to the app ("Error response [...] 404 Not Found"), by status.</summary>
    public IReadOnlyDictionary<string, long> SdkErrorResponses => counts
        .Where(c => IsSdkNotice(c.Key) && c.Key.Contains("Error response", StringComparison.Ordinal))
        .GroupBy(c => c.Key[(c.Key.IndexOf("] ", StringComparison.Ordinal) + 2)..].Split(" (")[0].TrimStart('#', ' '))
        .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);

    public void Reset()
    {
        counts.Clear();
        samples.Clear();
    }

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, LogLevel level, string key, string message, Exception? exception)
    {
        counts.AddOrUpdate($"{level} {category.Split('.')[^1]}: {key}", 1, (_, n) => n + 1);
        if (samples.Count < 20)
        {
            samples.Enqueue(exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The message template with its names filled in but not its ids, so one kind of event counts as one line.</summary>
    private static string KeyOf<TState>(TState state, string message)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values
            || values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value is not string template)
        {
            return Normalise(message.Split('\n')[0]);
        }

        foreach (var (name, value) in values)
        {
            if (name is "Function" or "Queue" or "PoisonQueue" or "Table")
            {
                template = template.Replace("{" + name + "}", value?.ToString(), StringComparison.Ordinal);
            }
        }

        return template;
    }

    private static bool IsSdkNotice(string key) => key.Contains(" Core: ", StringComparison.Ordinal);

    private static bool IsSlowResponse(string key) => key.Contains("Response [", StringComparison.Ordinal) && key.Contains("] took", StringComparison.Ordinal);

    // Ids and figures vary from one event to the next; without them, one kind of event is one line.
    private static string Normalise(string message) => Figures().Replace(Ids().Replace(message, "{id}"), "#");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Ids();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Figures();

    private sealed class Counting(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                owner.Add(category, logLevel, KeyOf(state, message), message, exception);
            }
        }
    }
}
