using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.LocalRunner.Queues;

internal static partial class QueueTriggers
{
    public static (QueueTriggerListener Listener, ServedFunction Served) Create(
        FunctionMetadata function, IConfiguration configuration, QueueSettings settings, IServiceProvider services, TimeSpan shutdownGrace)
    {
        var trigger = function.Trigger;
        var queueName = Settings.Resolve(trigger.Get("queueName"), configuration)
            ?? throw new UnsupportedFunctionException(function.Name, "its queue trigger names no queue");
        var connection = trigger.Get("connection");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Queue." + function.Name);

        var poison = QueueConnection.Open(configuration, connection, queueName + "-poison", Options(settings.Base64));
        var rawPoison = QueueConnection.Open(configuration, connection, queueName + "-poison", Options(base64: false));
        var options = Options(settings.Base64);
        if (settings.Base64)
        {
            // A message that is not base64 can never be processed: poison it at once, its raw text intact.
            options.MessageDecodingFailed += async args =>
            {
                if (args.ReceivedMessage is { } raw)
                {
                    LogUndecodable(logger, raw.MessageId, rawPoison.Name);
                    await rawPoison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
                    await rawPoison.SendMessageAsync(raw.Body.ToString(), args.CancellationToken);
                    await args.Queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, args.CancellationToken);
                }
            };
        }

        var queue = QueueConnection.Open(configuration, connection, queueName, options);
        var invoker = new FunctionInvoker(function, p => Binder(p, trigger.Name));
        var listener = new QueueTriggerListener(
            function.Name, invoker, queue, poison, settings, services.GetRequiredService<IServiceScopeFactory>(), logger, shutdownGrace,
            services.GetRequiredService<QueueWakeups>());
        return (listener, new ServedFunction(function.Name, "queue", queueName));
    }

    private static QueueClientOptions Options(bool base64)
    {
        var options = new QueueClientOptions { MessageEncoding = base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None };

        // The listener's own back-off is the retry policy: long SDK retries would only hide an outage.
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        return options;
    }

    private static Func<InvocationArgs, object?>? Binder(ParameterInfo parameter, string triggerName)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return args => args.Cancellation;
        }

        if (parameter.Name != triggerName)
        {
            return null;
        }

        return type == typeof(string) ? args => ((QueueMessage)args.Trigger!).Body.ToString()
            : type == typeof(BinaryData) ? args => ((QueueMessage)args.Trigger!).Body
            : type == typeof(byte[]) ? args => ((QueueMessage)args.Trigger!).Body.ToArray()
            : type == typeof(QueueMessage) ? args => args.Trigger
            : type.IsClass ? args => JsonSerializer.Deserialize(((QueueMessage)args.Trigger!).Body, type, JsonSerializerOptions.Web)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} is not base64 as host.json requires; moved to {PoisonQueue}")]
    private static partial void LogUndecodable(ILogger logger, string messageId, string poisonQueue);
}
