using System.Globalization;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The facts of one closed round ready for panel review, built as the app's own entities: the round,
/// its eligible applications (one per organisation) and some ineligible ones the queries must skip,
/// the panel, and standing conflict declarations. Deterministic from <paramref name="seed"/>, so every
/// run reviews the same round. <see cref="PanelSeed"/> writes it; the checks compare against it.
/// </summary>
internal sealed class PanelRound
{
    public const int ReviewersPerApplication = 3;

    /// <summary>Whole weights and two maximum scores, so the score has a common denominator to exercise.</summary>
    public static readonly Criterion[] Criteria =
    [
        new("relevance", "Relevance to survivors' needs", null, 3, 10),
        new("feasibility", "Feasibility and track record", null, 2, 10),
        new("value", "Value for money", null, 2, 5),
        new("safeguarding", "Safeguarding and do-no-harm", null, 1, 5),
    ];

    // A draft as an NGO fills it in (the same shape GrantApi sends), so DetailsJson is the size the app stores.
    private static readonly string DetailsJson = new ApplicationDetails(
        ["MX", "GT"],
        ["sexual-exploitation", "forced-labour"],
        ["women", "adolescents"],
        [new("female", "18-plus", 120), new("female", "under-18", 30), new("male", "18-plus", 15)],
        [
            new("shelter", "Rent and utilities for two safe houses", new AmountJson("30000.00", "USD")),
            new("legal", "Lawyers' fees for residence and labour claims", new AmountJson("12000.00", "USD")),
            new("psychosocial", "Counselling sessions", new AmountJson("3000.00", "USD")),
        ],
        new Dictionary<string, bool> { ["registered"] = true, ["safeguarding-policy"] = true }).ToJson();

    private static readonly string Summary = string.Concat(Enumerable.Repeat(
        "Shelter, legal aid and case management for survivors of trafficking referred by the labour inspectorate and partner NGOs. ", 4));

    private PanelRound(string roundId, RoundEntity round, ApplicationEntity[] applications, string[] reviewers, ConflictEntity[] conflicts)
    {
        RoundId = roundId;
        Round = round;
        Applications = applications;
        Reviewers = reviewers;
        Conflicts = conflicts;
    }

    public string RoundId { get; }

    public RoundEntity Round { get; }

    /// <summary>Every application row of the round: the eligible ones first, then the ineligible.</summary>
    public ApplicationEntity[] Applications { get; }

    public IEnumerable<ApplicationEntity> Eligible => Applications.Where(a => a.Status == ApplicationStatus.Eligible);

    /// <summary>The panel's user ids.</summary>
    public string[] Reviewers { get; }

    /// <summary>Declarations by panel reviewers: mostly organisations in this round, some from elsewhere.</summary>
    public ConflictEntity[] Conflicts { get; }

    /// <summary>
    /// A round closed yesterday with <paramref name="eligible"/> eligible applications from as many
    /// organisations (<paramref name="organisations"/>, shared between rounds as NGOs apply every year),
    /// <paramref name="ineligible"/> screened out, and <paramref name="panel"/> reviewers with their
    /// declarations (<paramref name="conflicts"/>, shared between rounds since they are standing).
    /// </summary>
    public static PanelRound Build(int eligible, int ineligible, string[] organisations, string[] panel, ConflictEntity[] conflicts)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        if (organisations.Length < eligible + ineligible)
        {
            throw new ArgumentException("One organisation per application.", nameof(organisations));
        }

        var roundId = Guid.CreateVersion7().ToString();
        var now = DateTimeOffset.UtcNow;
        var usd = CurrencyCode.Parse("USD");
        var round = new RoundEntity { RowKey = roundId, FundId = Guid.CreateVersion7().ToString(), CreatedAt = now.AddDays(-60) };

        // The envelope covers about 40% of what the eligible applications ask for, so the funding line falls mid-table.
        var envelope = new Money(eligible * 40_000_00L * 4 / 10, usd);
        round.Apply(
            new RoundRequest(
                "Call for proposals 2026: shelter and legal aid", "Panel review benchmark", now.AddDays(-45), now.AddDays(-1), "America/Mexico_City",
                AmountJson.From(envelope), new AmountJson("20000.00", "USD"), new AmountJson("60000.00", "USD"), 24,
                [new("registered", "Is the organisation registered?", true)], Criteria,
                [new("budget", "Budget", 1024 * 1024, ["application/pdf"])], ReviewersPerApplication, false),
            envelope,
            new Money(20_000_00L, usd),
            new Money(60_000_00L, usd));

        var random = new Random(eligible);
        var applications = Enumerable.Range(0, eligible + ineligible)
            .Select(i => Application(roundId, organisations[i], i < eligible, now, random))
            .ToArray();
        return new PanelRound(roundId, round, applications, panel, conflicts);
    }

    /// <summary>The panel's ids, and declarations by a third of them, each naming <paramref name="perReviewer"/> organisations (one in five from outside the list).</summary>
    public static (string[] Panel, ConflictEntity[] Conflicts) Panel(int reviewers, string[] organisations, int perReviewer)
    {
        ArgumentNullException.ThrowIfNull(organisations);
        var panel = Enumerable.Range(0, reviewers).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
        var random = new Random(reviewers);
        var now = DateTimeOffset.UtcNow;
        var conflicts = panel.Where((_, i) => i % 3 == 0)
            .SelectMany(reviewer => Enumerable.Range(0, perReviewer).Select(k => new ConflictEntity
            {
                PartitionKey = reviewer,
                RowKey = k % 5 == 4 ? Guid.CreateVersion7().ToString() : organisations[random.Next(organisations.Length)],
                Reason = "Former board member",
                DeclaredAt = now.AddDays(-random.Next(1, 400)),
            }))
            .DistinctBy(c => (c.PartitionKey, c.RowKey))
            .ToArray();
        return (panel, conflicts);
    }

    private static ApplicationEntity Application(string roundId, string organisationId, bool eligible, DateTimeOffset now, Random random)
    {
        var id = Guid.CreateVersion7().ToString();
        var submitted = now.AddDays(-2).AddMinutes(-random.Next(60 * 24 * 30));
        return new ApplicationEntity
        {
            PartitionKey = roundId,
            RowKey = id,
            OrganisationId = organisationId,
            Status = eligible ? ApplicationStatus.Eligible : ApplicationStatus.Ineligible,
            Title = "Safe houses and legal aid in border towns, phase " + random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
            Summary = Summary,
            Currency = "USD",
            // 20,000.00 to 60,000.00 in whole hundreds, the round's grant limits.
            RequestedMinor = random.Next(200, 601) * 100_00L,
            DurationMonths = random.Next(6, 25),
            DetailsJson = DetailsJson,
            Reference = $"TFG-{submitted.Year}-{id[^12..].ToUpperInvariant()}",
            SubmittedByEmail = "director@ngo.example.org",
            CreatedAt = submitted.AddDays(-10),
            UpdatedAt = submitted,
            SubmittedAt = submitted,
            ScreeningReasons = eligible ? string.Empty : "The organisation is not registered.",
            ScreenedAt = submitted.AddMinutes(1),
        };
    }
}
