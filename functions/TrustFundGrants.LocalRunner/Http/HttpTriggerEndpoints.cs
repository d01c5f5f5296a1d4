using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.LocalRunner.Http;

/// <summary>
/// Serves each HttpTrigger on Kestrel at /{routePrefix}/{route}, with the methods and auth level the
/// function declares. Functions use the ASP.NET Core integration, so they receive the real
/// <see cref="HttpRequest"/> and return an <see cref="IResult"/> or <see cref="IActionResult"/>.
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static ServedFunction Map(WebApplication app, FunctionMetadata function, string routePrefix, FunctionKeys keys)
    {
        var trigger = function.Trigger;
        var route = "/" + string.Join('/', new[] { routePrefix, trigger.Get("route") ?? function.Name }.Where(s => s.Length > 0).Select(s => s.Trim('/')));
        var pattern = RoutePatternFactory.Parse(route);
        var routeParameters = pattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var invoker = new FunctionInvoker(function, p => Binder(p, trigger.Name, routeParameters));
        if (typeof(Task).IsAssignableFrom(invoker.ResultType) || invoker.ResultType == typeof(HttpResponse))
        {
            throw new UnsupportedFunctionException(function.Name, $"its HTTP result type {invoker.ResultType.Name} is not an IResult, IActionResult or a body");
        }

        var authLevel = trigger.Get("authLevel") ?? "Function";
        var methods = trigger.GetList("methods").Select(m => m.ToUpperInvariant()).ToArray();
        RequestDelegate handler = context => Handle(context, function.Name, authLevel, invoker, keys);
        var endpoint = methods.Length == 0 ? app.Map(pattern, handler) : app.MapMethods(route, methods, handler);
        endpoint.WithDisplayName(function.Name);
        return new ServedFunction(function.Name, "http", $"{(methods.Length == 0 ? "ANY" : string.Join(',', methods))} {route} ({authLevel.ToLowerInvariant()})");
    }

    private static async Task Handle(HttpContext context, string name, string authLevel, FunctionInvoker invoker, FunctionKeys keys)
    {
        if (!keys.Allows(name, authLevel, context.Request))
        {
            // As the Functions host does: 401 with no body, the same for a missing and a wrong key.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // The same guard the Functions host runs as worker middleware: deadline, 503 for storage outages, 500 otherwise.
        var guard = context.RequestServices.GetRequiredService<RequestGuard>();
        var result = await guard.RunAsync(context, name, token => invoker.InvokeAsync(context.RequestServices, new InvocationArgs(context, token)));
        if (context.Response.HasStarted)
        {
            return;
        }

        switch (result)
        {
            case IResult typed:
                await typed.ExecuteAsync(context);
                break;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case null:
                break;
            default:
                await Results.Ok(result).ExecuteAsync(context);
                break;
        }
    }

    private static Func<InvocationArgs, object?>? Binder(ParameterInfo parameter, string triggerName, HashSet<string> routeParameters)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return args => ((HttpContext)args.Trigger!).Request;
        }

        if (type == typeof(HttpContext))
        {
            return args => (HttpContext)args.Trigger!;
        }

        if (type == typeof(CancellationToken))
        {
            return args => args.Cancellation;
        }

        if (parameter.Name is { } name && name != triggerName && routeParameters.Contains(name))
        {
            // Route values bind by name, as the host's binding data does.
            var converter = TypeDescriptor.GetConverter(type);
            return args =>
            {
                var raw = ((HttpContext)args.Trigger!).Request.RouteValues[name]?.ToString();
                return raw is null ? null : converter.ConvertFromString(null, CultureInfo.InvariantCulture, raw);
            };
        }

        return null;
    }
}
