using System.Reflection;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

/// <summary>
/// One validator shape for every request record: after <see cref="RequestJson"/> has read the body, the record's
/// own public method checks its fields against whatever context it needs (the fund's currency, the pledge, the
/// clock) and adds every error it finds, named by field, to the errors the function passes in last; the function
/// adds what only storage can tell (an unknown organisation) to the same errors and answers with all of them at
/// once. The bodies are found where the functions read them, so a new one cannot be missed.
/// </summary>
public sealed class RequestValidatorShapeTests
{
    // Bodies with no rule beyond their JSON types, and why.
    private static readonly Dictionary<string, string> WithoutRules = new(StringComparer.Ordinal)
    {
        ["SessionRequest"] = "the token is judged by SignInLinks alone: malformed, unknown, used and expired tokens get the same answer",
        ["AssignRequest"] = "both fields are ids looked up in the round: one that is not there is 404, like any object the caller may not see",
    };

    [Fact]
    public void RequestBodies_AreFoundWhereTheFunctionsReadThem()
    {
        var bodies = Bodies().Select(t => t.Name).ToList();

        Assert.Contains("RoundRequest", bodies);
        Assert.Contains("GrantTermsRequest", bodies);
        Assert.Contains("ReportContent", bodies);
        Assert.True(bodies.Count >= 25, "Only these bodies were found: " + string.Join(", ", bodies));
    }

    [Fact]
    public void RequestBodies_EachHasOneValidatorTakingTheErrorsLast()
    {
        var wrong = Bodies()
            .Where(t => !WithoutRules.ContainsKey(t.Name))
            .Where(t => Validators(t).Count != 1)
            .Select(t => $"{t.Name} ({Validators(t).Count} validators)")
            .ToList();

        Assert.True(wrong.Count == 0, "Each request record needs exactly one public method whose last parameter is IDictionary<string, string[]> errors: " + string.Join(", ", wrong));
    }

    [Fact]
    public void RequestBodies_WithoutRulesAreStillReadByAFunction()
    {
        var bodies = Bodies().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(WithoutRules.Keys, name => Assert.Contains(name, bodies));
    }

    private static List<MethodInfo> Validators(Type record) =>
        record.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetParameters() is [.., var last] && last.ParameterType == typeof(IDictionary<string, string[]>) && last.Name == "errors")
            .ToList();

    // Every T in a call to RequestJson.ReadAsync<T> anywhere in the Functions assembly (async bodies included:
    // their state machines are nested types), found from the call instructions' method tokens.
    private static List<Type> Bodies()
    {
        var read = typeof(RequestJson).GetMethod(nameof(RequestJson.ReadAsync))!;
        var module = typeof(RequestJson).Module;
        var found = new HashSet<Type>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    // call = 0x28; a generic method instance is a MethodSpec token (table 0x2B).
                    if (il[i] == 0x28 && il[i + 4] == 0x2B && Resolve(module, BitConverter.ToInt32(il, i + 1)) is MethodInfo { IsGenericMethod: true } called
                        && called.GetGenericMethodDefinition() == read)
                    {
                        found.Add(called.GetGenericArguments()[0]);
                    }
                }
            }
        }

        return found.Where(t => !t.IsGenericParameter).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static MethodBase? Resolve(Module module, int token)
    {
        try
        {
            return module.ResolveMethod(token);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
