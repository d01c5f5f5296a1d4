using Microsoft.Extensions.Options;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Projections;

/// <summary>Configuration: Disclosure:Threshold, the k below which counts of people are hidden outside the Secretariat.</summary>
public sealed class DisclosureOptions
{
    public const string Section = "Disclosure";

    public int Threshold { get; set; } = DisclosureThreshold.Default;
}

/// <summary>
/// The one way counts of people leave the Secretariat: every table of counts in a response passes through
/// <see cref="Table"/>, which suppresses unless the caller is the Secretariat. A threshold below 5 in
/// configuration stops the app at start (ProjectionsRegistration validates it) rather than publishing under it.
/// </summary>
public sealed class DisclosureControl(IOptions<DisclosureOptions> options)
{
    public DisclosureThreshold Threshold { get; } = DisclosureThreshold.Of(options.Value.Threshold);

    public CountTableView Table(CountTable table, bool secretariat)
    {
        ArgumentNullException.ThrowIfNull(table);
        var shown = secretariat ? Suppression.Unsuppressed(table) : Suppression.Apply(table, Threshold);
        return CountTableView.From(shown, secretariat ? null : Threshold.K);
    }

    /// <summary>
    /// A fund's people tables for one year, or for all years (<paramref name="year"/> null). Outside the
    /// Secretariat, the years and the all-years table are suppressed together (<see cref="YearlySuppression"/>),
    /// so no year's hidden count can be worked out by subtracting the other years from the whole.
    /// </summary>
    public (CountTableView Groups, CountTableView Assistance) People(FundProjection projection, int? year, bool secretariat)
    {
        ArgumentNullException.ThrowIfNull(projection);
        return (
            Yearly(projection.PeopleByGroup, projection.PeopleByYearGroup, year, secretariat, PeopleTables.ByGroup),
            Yearly(projection.PeopleByAssistance, projection.AssistanceByYear, year, secretariat, PeopleTables.ByAssistance));
    }

    private CountTableView Yearly(
        IReadOnlyDictionary<string, long> allYears,
        SortedDictionary<int, SortedDictionary<string, long>> byYear,
        int? year,
        bool secretariat,
        Func<IReadOnlyDictionary<string, long>, IEnumerable<string>, CountTable> layout)
    {
        var keys = allYears.Keys.Concat(byYear.Values.SelectMany(y => y.Keys)).Distinct(StringComparer.Ordinal).ToArray();
        var slices = byYear.ToDictionary(y => y.Key, y => layout(y.Value, keys));

        // Counts from before the projection kept years (a rebuild adds them) form a slice of their own, never shown by itself.
        var residual = allYears.ToDictionary(c => c.Key, c => c.Value - byYear.Values.Sum(y => y.GetValueOrDefault(c.Key)), StringComparer.Ordinal);
        var consistent = residual.Values.All(v => v >= 0) && byYear.Values.SelectMany(y => y.Keys).All(allYears.ContainsKey);
        if (consistent && residual.Values.Any(v => v > 0))
        {
            slices[0] = layout(residual, keys);
        }

        var whole = layout(allYears, keys);
        var table = year is { } y ? slices.GetValueOrDefault(y) ?? layout(new Dictionary<string, long>(), keys) : whole;
        if (secretariat)
        {
            return CountTableView.From(Suppression.Unsuppressed(table), null);
        }

        if (!consistent)
        {
            return CountTableView.From(year is null ? Suppression.Apply(whole, Threshold) : Hidden(table), Threshold.K);
        }

        var (all, years) = YearlySuppression.Apply(slices, table.Rows, table.Columns, Threshold);
        return CountTableView.From(year is { } shownYear ? years.GetValueOrDefault(shownYear) ?? Suppression.Apply(table, Threshold) : all, Threshold.K);
    }

    private static SuppressedTable Hidden(CountTable table)
    {
        var cells = new ShownCount[table.Rows.Count, table.Columns.Count];
        for (var r = 0; r < table.Rows.Count; r++)
        {
            for (var c = 0; c < table.Columns.Count; c++)
            {
                cells[r, c] = ShownCount.Hidden;
            }
        }

        return new SuppressedTable(
            table.Rows, table.Columns, cells, table.Rows.Select(_ => ShownCount.Hidden).ToArray(), table.Columns.Select(_ => ShownCount.Hidden).ToArray(), ShownCount.Hidden);
    }
}

/// <summary>
/// A table of counts on the wire: a hidden count is null, and <see cref="SuppressedBelow"/> says what null
/// means ("fewer than k, or hidden so that one that is cannot be worked out"); null for the Secretariat.
/// </summary>
public sealed record CountTableView(
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<long?>> Cells,
    IReadOnlyList<long?> RowTotals,
    IReadOnlyList<long?> ColumnTotals,
    long? Total,
    int? SuppressedBelow)
{
    public static CountTableView From(SuppressedTable table, int? k)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(
            table.Rows,
            table.Columns,
            Enumerable.Range(0, table.Rows.Count)
                .Select(r => (IReadOnlyList<long?>)Enumerable.Range(0, table.Columns.Count).Select(c => table.Cells[r, c].Value).ToArray())
                .ToArray(),
            table.RowTotals.Select(t => t.Value).ToArray(),
            table.ColumnTotals.Select(t => t.Value).ToArray(),
            table.GrandTotal.Value,
            k);
    }
}
