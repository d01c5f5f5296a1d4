using System.Globalization;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// A fund's public dashboard. Money is never suppressed (it is not about people); counts of people go through
/// <see cref="DisclosureControl"/>. The year filter applies to the money totals, the by-year series and the
/// people tables (people counted by reports whose period ended in that year); the years' people tables and
/// the all-years one are suppressed together, so one cannot be subtracted from the other. The breakdowns by
/// country, form and round are for the fund's whole life.
/// </summary>
public sealed record DashboardView(
    string FundId,
    string Name,
    string Currency,
    int? Year,
    IReadOnlyList<int> Years,
    FiguresView Totals,
    IReadOnlyList<AmountJson> PledgedNotReceived,
    int Grants,
    IReadOnlyList<BreakdownRow> ByYear,
    IReadOnlyList<BreakdownRow> ByCountry,
    IReadOnlyList<BreakdownRow> ByForm,
    IReadOnlyList<BreakdownRow> ByRound,
    CountTableView PeopleAssisted,
    CountTableView AssistanceProvided,
    bool Suppressed)
{
    public static DashboardView From(
        string fundId, string name, CurrencyCode currency, FundProjection projection, int? year, DisclosureControl disclosure, bool secretariat)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(disclosure);
        var totals = year is { } y ? projection.ByYear.GetValueOrDefault(y, Figures.None) : projection.Totals;
        var (people, assistance) = disclosure.People(projection, year, secretariat);
        return new(
            fundId,
            name,
            currency.Code,
            year,
            projection.ByYear.Keys.Union(projection.PeopleByYearGroup.Keys).Order().ToArray(),
            FiguresView.From(totals, currency),
            projection.PledgedNotReceived.Where(p => CurrencyCode.TryParse(p.Key, out _))
                .Select(p => AmountJson.From(new Money(p.Value, CurrencyCode.Parse(p.Key)))).ToArray(),
            projection.Grants,
            projection.ByYear.Where(e => year is null || e.Key == year)
                .Select(e => BreakdownRow.From(e.Key.ToString(CultureInfo.InvariantCulture), e.Key.ToString(CultureInfo.InvariantCulture), e.Value, currency)).ToArray(),
            projection.ByCountry.Select(e => BreakdownRow.From(e.Key, CountryCode.TryParse(e.Key, out var c) ? c.Name : e.Key, e.Value, currency)).ToArray(),
            projection.ByForm.Select(e => BreakdownRow.From(e.Key, e.Key, e.Value, currency)).ToArray(),
            projection.ByRound.Select(e => BreakdownRow.From(e.Key, e.Key, e.Value, currency)).ToArray(),
            people,
            assistance,
            !secretariat);
    }
}

/// <summary>Money figures in the fund's currency; delivery rate is disbursed ÷ committed as a percentage with two decimals, rounded down.</summary>
public sealed record FiguresView(AmountJson Received, AmountJson Committed, AmountJson Disbursed, AmountJson Refunded, AmountJson Available, string? DeliveryRate)
{
    public static FiguresView From(Figures figures, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(figures);
        AmountJson A(long minor) => AmountJson.From(new Money(minor, currency));
        return new(
            A(figures.Received),
            A(figures.Committed),
            A(figures.Disbursed),
            A(figures.Refunded),
            A(figures.Available),
            figures.DeliveryBasisPoints is { } bp ? (bp / 100m).ToString("0.00", CultureInfo.InvariantCulture) : null);
    }
}

public sealed record BreakdownRow(string Key, string Label, FiguresView Figures)
{
    public static BreakdownRow From(string key, string label, Figures figures, CurrencyCode currency) => new(key, label, FiguresView.From(figures, currency));
}
