using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>An amendment: a no-cost extension (newEndDate) or moves between budget lines (moves), with the reason for it.</summary>
public sealed record AmendmentRequest(string Kind, string Reason, DateOnly? NewEndDate = null, IReadOnlyList<BudgetMoveRequest>? Moves = null)
{
    public const string Extension = "extension";
    public const string BudgetMove = "budget-move";

    /// <summary>The moves in the grant's <paramref name="currency"/> (none for an extension), or null with every field that is not sound in <paramref name="errors"/>.</summary>
    public IReadOnlyList<BudgetMove>? Validate(CurrencyCode currency, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Kind is not (Extension or BudgetMove))
        {
            errors["kind"] = [$"kind is {Extension} or {BudgetMove}."];
        }
        else if (Kind == Extension && NewEndDate is null)
        {
            errors["newEndDate"] = ["An extension names the new end date."];
        }
        else if (Kind == BudgetMove && Moves is not { Count: > 0 and <= 50 })
        {
            errors["moves"] = ["A budget move names 1 to 50 moves between lines."];
        }

        if (Reason.Trim() is not { Length: > 0 and <= 2000 })
        {
            errors["reason"] = ["Say why (up to 2,000 characters)."];
        }

        var moves = new List<BudgetMove>();
        for (var i = 0; Kind == BudgetMove && i < Math.Min(Moves?.Count ?? 0, 50); i++)
        {
            var move = Moves![i];
            if (move.Amount.Read(currency, $"moves[{i}].amount", errors) is { } amount)
            {
                moves.Add(new BudgetMove(move.From, move.To, amount.MinorUnits));
            }
        }

        return errors.Count > 0 ? null : moves;
    }
}

/// <summary>Money from one budget line (0-based) to another.</summary>
public sealed record BudgetMoveRequest(int From, int To, AmountJson Amount);

/// <summary>What an amendment row keeps as its change.</summary>
internal static class AmendmentChanges
{
    public static string Extension(string oldEnd, string newEnd, IEnumerable<(int Report, string From, string To)> reports) =>
        JsonSerializer.Serialize(new { oldEndDate = oldEnd, newEndDate = newEnd, reports = reports.Select(r => new { report = r.Report, from = r.From, to = r.To }) }, JsonSerializerOptions.Web);

    public static string Moves(IReadOnlyList<BudgetMove> moves) =>
        JsonSerializer.Serialize(new { moves = moves.Select(m => new { from = m.From, to = m.To, amountMinor = m.AmountMinor }) }, JsonSerializerOptions.Web);

    public static IReadOnlyList<BudgetMove> ReadMoves(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("moves").EnumerateArray()
            .Select(m => new BudgetMove(m.GetProperty("from").GetInt32(), m.GetProperty("to").GetInt32(), m.GetProperty("amountMinor").GetInt64())).ToArray();
}
