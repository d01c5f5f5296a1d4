using System.Globalization;
using System.Text;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>A titled table of already formatted cells, printed aligned on the console and as markdown.</summary>
internal sealed class Table(string title, params string[] headers)
{
    private readonly List<string[]> rows = [];
    private readonly List<string> notes = [];

    public string Title => title;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Table '{title}' has {headers.Length} columns; a row gave {cells.Length}.", nameof(cells));
        }

        rows.Add(cells);
    }

    public void Note(string note) => notes.Add(note);

    public string ToText()
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var right = Numeric();
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine(Line(headers, widths, right));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row, widths, right));
        }

        foreach (var note in notes)
        {
            text.Append("  * ").AppendLine(note);
        }

        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("### ").AppendLine(title).AppendLine();
        text.Append("| ").Append(string.Join(" | ", headers)).AppendLine(" |");
        var right = Numeric();
        text.Append('|').Append(string.Join('|', headers.Select((_, i) => right[i] ? " ---: " : " --- "))).AppendLine("|");
        foreach (var row in rows)
        {
            text.Append("| ").Append(string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal)))).AppendLine(" |");
        }

        if (notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in notes)
            {
                text.Append("- ").AppendLine(note);
            }
        }

        return text.ToString();
    }

    // Figures right-aligned, words left-aligned: a column is figures when every filled cell starts like one.
    private bool[] Numeric() => headers
        .Select((_, i) => i > 0 && rows.Select(r => r[i]).Where(c => c.Length > 0).All(c => char.IsDigit(c[0]) || c[0] is '-' or '+' or '<' or '.'))
        .ToArray();

    private static string Line(string[] cells, int[] widths, bool[] right) =>
        string.Join("  ", cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}

/// <summary>Number formats used in every table, invariant so results read the same on every machine.</summary>
internal static class Fmt
{
    public static string Ms(double value) => double.IsNaN(value) ? "-"
        : value < 1 ? value.ToString("0.000", CultureInfo.InvariantCulture)
        : value < 100 ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds shown as microseconds, one decimal (never "-0.0").</summary>
    public static string Us(double milliseconds) => double.IsNaN(milliseconds) ? "-"
        : (Math.Round(milliseconds * 1000, 1) + 0.0).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A difference in milliseconds shown as signed microseconds: "+2.1", "-0.3".</summary>
    public static string DeltaUs(double milliseconds) => double.IsNaN(milliseconds) ? "-"
        : (Math.Round(milliseconds * 1000, 1) + 0.0).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Rate(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Verdict(bool pass) => pass ? "PASS" : "MISS";

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
