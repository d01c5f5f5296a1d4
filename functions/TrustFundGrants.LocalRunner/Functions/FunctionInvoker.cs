using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace TrustFundGrants.LocalRunner.Functions;

/// <summary>
/// Calls one function the way the isolated worker does: a new instance of its class from the
/// invocation's service scope (constructor injection), parameters bound from the trigger, and the
/// returned task awaited. Everything reflective is resolved once, at start-up.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly ObjectFactory factory;
    private readonly MethodInvoker method;
    private readonly Func<InvocationArgs, object?>[] binders;
    private readonly PropertyInfo? taskResult;

    public FunctionInvoker(FunctionMetadata metadata, Func<ParameterInfo, Func<InvocationArgs, object?>?> binderFor)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(binderFor);
        Metadata = metadata;
        Method = Resolve(metadata);
        factory = ActivatorUtilities.CreateFactory(Method.DeclaringType!, Type.EmptyTypes);
        method = MethodInvoker.Create(Method);
        binders = Method.GetParameters()
            .Select(p => binderFor(p)
                ?? throw new UnsupportedFunctionException(metadata.Name, $"parameter '{p.Name}' of type {p.ParameterType.Name} has no binding the runner implements"))
            .ToArray();
        var returns = Method.ReturnType;
        taskResult = returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returns.GetProperty(nameof(Task<object>.Result))
            : null;
        ResultType = taskResult?.PropertyType ?? (returns == typeof(Task) || returns == typeof(ValueTask) ? typeof(void) : returns);
    }

    public FunctionMetadata Metadata { get; }

    public MethodInfo Method { get; }

    /// <summary>What the function produces once awaited; <c>void</c> when nothing.</summary>
    public Type ResultType { get; }

    public async Task<object?> InvokeAsync(IServiceProvider services, InvocationArgs args)
    {
        var arguments = new object?[binders.Length];
        for (var i = 0; i < binders.Length; i++)
        {
            arguments[i] = binders[i](args);
        }

        var instance = factory(services, null);
        try
        {
            var returned = method.Invoke(instance, arguments.AsSpan());
            switch (returned)
            {
                case Task task:
                    await task;
                    return taskResult?.GetValue(task);
                case ValueTask valueTask:
                    await valueTask;
                    return null;
                default:
                    if (returned is not null && taskResult is not null)
                    {
                        // ValueTask<T>: box once through AsTask so it is awaited exactly once.
                        var asTask = (Task)returned.GetType().GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                        await asTask;
                        return asTask.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(asTask);
                    }

                    return returned;
            }
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static MethodInfo Resolve(FunctionMetadata metadata)
    {
        var assemblyName = Path.GetFileNameWithoutExtension(metadata.ScriptFile);
        var assembly = Assembly.Load(assemblyName);
        var split = metadata.EntryPoint.LastIndexOf('.');
        var type = split > 0 ? assembly.GetType(metadata.EntryPoint[..split]) : null;
        var methods = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == metadata.EntryPoint[(split + 1)..])
            .ToArray() ?? [];
        return methods.Length == 1
            ? methods[0]
            : throw new UnsupportedFunctionException(metadata.Name, $"entry point {metadata.EntryPoint} was not found once in {assemblyName}");
    }
}

/// <summary>What a trigger hands to the parameter binders for one invocation.</summary>
public sealed record InvocationArgs(object? Trigger, CancellationToken Cancellation);
