using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;
using Microsoft.Azure.Functions.Worker;

namespace TrustFundGrants.Functions.Tests;

/// <summary>
/// A function's <c>Run</c> fits on a screen: what it does step by step is readable at a glance, and the steps
/// live in named methods. Lengths come from the portable PDB the build writes beside the app, so they are the
/// source lines the compiler saw (from the opening brace to the closing one), not a count of text that a
/// formatter could change. An async method's lines belong to its state machine's MoveNext.
/// </summary>
public sealed class FunctionLengthTests
{
    private const int MaxLines = 60;

    private static readonly Lazy<IReadOnlyList<Measured>> Functions = new(Measure);

    [Fact]
    public void Functions_AreEachMeasuredFromThePdb()
    {
        var declared = typeof(ServiceRegistration).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Count(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

        Assert.True(declared >= 100, $"Only {declared} functions were found.");
        Assert.Equal(declared, Functions.Value.Count);
        // Each measure starts where the body does: at its opening brace, or at the arrow of an expression body.
        Assert.All(Functions.Value, f =>
        {
            var lines = File.ReadLines(f.Document).Skip(f.FirstLine - 2).Take(2).Select(l => l.Trim()).ToArray();
            Assert.True(
                lines[1].StartsWith('{') || lines[1].Contains("=>", StringComparison.Ordinal) || lines[0].EndsWith("=>", StringComparison.Ordinal),
                $"{f.Name} measured from \"{lines[1]}\".");
        });
    }

    [Fact]
    public void Functions_RunFitsOnAScreen()
    {
        var offenders = Functions.Value
            .Where(f => f.Lines > MaxLines)
            .OrderByDescending(f => f.Lines)
            .Select(f => $"{f.Name}: {f.Lines} lines ({Path.GetFileName(f.Document)}:{f.FirstLine})")
            .ToList();

        Assert.True(offenders.Count == 0, $"These functions are over {MaxLines} lines; extract named steps:{Environment.NewLine}" + string.Join(Environment.NewLine, offenders));
    }

    private static List<Measured> Measure()
    {
        var assembly = typeof(ServiceRegistration).Assembly;
        using var pdbStream = File.OpenRead(Path.ChangeExtension(assembly.Location, ".pdb"));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
        var pdb = provider.GetMetadataReader();

        var measured = new List<Measured>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            // An async method's own body only starts its state machine; the lines the author wrote are in MoveNext.
            var body = method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType
                .GetMethod("MoveNext", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance) ?? method;
            var points = pdb.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(body.MetadataToken).ToDebugInformationHandle())
                .GetSequencePoints()
                .Where(p => !p.IsHidden)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var first = points.Min(p => p.StartLine);
            var last = points.Max(p => p.EndLine);
            var document = pdb.GetString(pdb.GetDocument(points[0].Document).Name);
            measured.Add(new Measured(function.Name, document, first, last - first + 1));
        }

        return measured;
    }

    private sealed record Measured(string Name, string Document, int FirstLine, int Lines);
}
