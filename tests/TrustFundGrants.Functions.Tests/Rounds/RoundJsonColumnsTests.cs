using System.Reflection;
using System.Reflection.Emit;
using TrustFundGrants.Functions.Applications.Documents;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Tests.Rounds;

/// <summary>
/// A round's questions, rubric and required documents are JSON columns with one owner: <see cref="RoundEntity"/>
/// writes and parses them, and every other reader asks it for the parsed lists, so a change to their format is
/// made in one place. The readers are found in the compiled code, so a new one cannot be missed.
/// </summary>
public sealed class RoundJsonColumnsTests
{
    private static readonly string[] Columns = [nameof(RoundEntity.EligibilityJson), nameof(RoundEntity.CriteriaJson), nameof(RoundEntity.RequiredDocumentsJson)];

    [Fact]
    public void JsonColumns_AreReadOnlyByRoundEntity()
    {
        var getters = Columns.Select(c => typeof(RoundEntity).GetProperty(c)!.GetMethod!).ToHashSet();
        var readers = ReadersOf(getters).Where(m => m.DeclaringType != typeof(RoundEntity)).Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").ToList();

        Assert.True(readers.Count == 0, "These read a round's JSON columns themselves; call RoundEntity's parsed lists instead: " + string.Join(", ", readers));
    }

    [Fact]
    public void JsonColumns_ReadersAreFoundInTheCompiledCode()
    {
        var getters = typeof(RoundEntity).GetProperties().Where(p => Columns.Contains(p.Name)).Select(p => p.GetMethod!).ToHashSet();

        Assert.Contains(ReadersOf(getters), m => m.DeclaringType == typeof(RoundEntity) && m.Name == nameof(RoundEntity.RequiredDocuments));
    }

    [Fact]
    public void FileName_InABlindRound_IsTheRoundsTitleForTheType()
    {
        var round = Applications.Samples.Round();

        Assert.Equal("Budget.pdf", BlindDocumentNames.FileName(round, "budget", FileSignature.Pdf));
    }

    // Methods anywhere in the Functions assembly whose IL calls one of the getters (call 0x28 or callvirt 0x6F, then a method token).
    private static List<MethodBase> ReadersOf(HashSet<MethodInfo> getters)
    {
        var module = typeof(RoundEntity).Module;
        var readers = new List<MethodBase>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in module.GetTypes().SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all))))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
            for (var i = 0; i + 4 < il.Length; i++)
            {
                if ((il[i] == OpCodes.Call.Value || il[i] == OpCodes.Callvirt.Value) && il[i + 4] == 0x06
                    && Resolve(module, BitConverter.ToInt32(il, i + 1)) is MethodInfo called && getters.Contains(called))
                {
                    readers.Add(method);
                    break;
                }
            }
        }

        return readers;
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
