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
/// configuration stops the app at start rather than publishing under it.
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
