namespace TrustFundGrants.Domain;

/// <summary>Money moved from one approved budget line to another (lines by 0-based index).</summary>
public sealed record BudgetMove(int From, int To, long AmountMinor);

/// <summary>
/// Amendments that move money between budget lines. A move within <see cref="FreeShare"/> of each line
/// it touches needs no one's approval; a bigger one waits for the Secretariat. The grant's total never changes.
/// </summary>
public static class BudgetMoves
{
    public const decimal FreeShare = 0.10m;

    /// <summary>The lines after the moves, or null with errors keyed "moves[i]...".</summary>
    public static long[]? Apply(IReadOnlyList<long> lines, IReadOnlyList<BudgetMove> moves, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(moves);
        ArgumentNullException.ThrowIfNull(errors);
        if (moves.Count == 0)
        {
            errors["moves"] = ["Move money between at least one pair of lines."];
            return null;
        }

        var after = lines.ToArray();
        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            if (move.From < 0 || move.From >= lines.Count)
            {
                errors[$"moves[{i}].from"] = ["This is not a line of the approved budget."];
            }
            else if (move.To < 0 || move.To >= lines.Count || move.To == move.From)
            {
                errors[$"moves[{i}].to"] = ["Move to another line of the approved budget."];
            }
            else if (move.AmountMinor <= 0)
            {
                errors[$"moves[{i}].amount"] = ["Move an amount above zero."];
            }
            else if (after[move.From] < move.AmountMinor)
            {
                errors[$"moves[{i}].amount"] = ["A line cannot give more than it holds."];
            }
            else
            {
                after[move.From] -= move.AmountMinor;
                after[move.To] += move.AmountMinor;
            }
        }

        return errors.Count > 0 ? null : after;
    }

    /// <summary>Whether every line changed by no more than its share of what it was before the amendment.</summary>
    public static bool WithinFreeShare(IReadOnlyList<long> before, IReadOnlyList<long> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Zip(after).All(p => Math.Abs(p.Second - p.First) <= decimal.Floor(p.First * FreeShare));
    }
}

/// <summary>A no-cost extension: a later end date, every report's due date moved by the same number of days.</summary>
public static class Extension
{
    public static string? Check(DateOnly currentEnd, DateOnly newEnd) =>
        newEnd <= currentEnd ? "An extension moves the end date later." : newEnd > currentEnd.AddYears(2) ? "Extend by at most two years at a time." : null;
}
