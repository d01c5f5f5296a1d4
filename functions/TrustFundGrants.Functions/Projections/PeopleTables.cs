using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// Lays the projection's people-assisted counts out as the two tables the dashboards show, in the categories
/// grantee reports count (<see cref="PeopleAssisted"/>): sex and age group by form of exploitation, and by
/// type of assistance. Every row and column of the fixed lists is present (an empty one is information too, and a table that changes shape with the data invites differencing);
/// a key outside those lists gets its own row or column rather than being dropped.
/// </summary>
public static class PeopleTables
{
    public static IReadOnlyList<string> Sexes => PeopleAssisted.Sexes;

    public static IReadOnlyList<string> AgeGroups => PeopleAssisted.AgeGroups;

    public static IReadOnlyList<string> AssistanceTypes => PeopleAssisted.AssistanceTypes;

    public static CountTable ByGroup(IReadOnlyDictionary<string, long> counts) => ByGroup(counts, counts.Keys);

    /// <summary>The table of <paramref name="counts"/> laid out for every key in <paramref name="layout"/>, so tables of several years share one shape.</summary>
    public static CountTable ByGroup(IReadOnlyDictionary<string, long> counts, IEnumerable<string> layout)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(layout);
        var parsed = counts.Select(c => (Parts: c.Key.Split('/'), c.Value)).Where(c => c.Parts.Length == 3).ToArray();
        var shape = layout.Concat(counts.Keys).Select(k => k.Split('/')).Where(p => p.Length == 3).ToArray();
        var rows = Sexes.SelectMany(s => AgeGroups.Select(a => $"{s}/{a}"))
            .Concat(shape.Select(p => $"{p[0]}/{p[1]}")).Distinct(StringComparer.Ordinal).ToArray();
        var columns = PeopleAssisted.Forms.Concat(shape.Select(p => p[2])).Distinct(StringComparer.Ordinal).ToArray();
        var cells = new long[rows.Length, columns.Length];
        foreach (var (parts, value) in parsed)
        {
            cells[Array.IndexOf(rows, $"{parts[0]}/{parts[1]}"), Array.IndexOf(columns, parts[2])] += value;
        }

        return new CountTable(rows, columns, cells);
    }

    public static CountTable ByAssistance(IReadOnlyDictionary<string, long> counts) => ByAssistance(counts, counts.Keys);

    public static CountTable ByAssistance(IReadOnlyDictionary<string, long> counts, IEnumerable<string> layout)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(layout);
        var columns = AssistanceTypes.Concat(layout).Concat(counts.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var cells = new long[1, columns.Length];
        foreach (var (type, value) in counts)
        {
            cells[0, Array.IndexOf(columns, type)] += value;
        }

        return new CountTable(["people"], columns, cells);
    }
}
