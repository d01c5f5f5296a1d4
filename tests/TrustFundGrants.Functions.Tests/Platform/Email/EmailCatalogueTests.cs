using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Email;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Grants;

namespace TrustFundGrants.Functions.Tests.Platform.Email;

/// <summary>
/// The server's email catalogues: the same keys and placeholders in en, fr and es, and every letter the app
/// sends rendered in each language with no text missing (a missing key or value throws).
/// </summary>
public sealed class EmailCatalogueTests
{
    private static readonly Uri Portal = new("https://grants.example.org");

    public static TheoryData<string> Languages => new(EmailCatalogue.Languages);

    [Fact]
    public void Catalogues_EveryKey_InAllThreeLanguages()
    {
        var english = EmailCatalogue.KeysOf("en").Order(StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(english);
        Assert.Equal(english, EmailCatalogue.KeysOf("fr").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(english, EmailCatalogue.KeysOf("es").Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Catalogues_EveryText_UsesTheSamePlaceholdersInEachLanguage()
    {
        foreach (var key in EmailCatalogue.KeysOf("en"))
        {
            var english = EmailCatalogue.PlaceholdersOf("en", key);
            Assert.True(english.SetEquals(EmailCatalogue.PlaceholdersOf("fr", key)), $"fr {key}");
            Assert.True(english.SetEquals(EmailCatalogue.PlaceholdersOf("es", key)), $"es {key}");
        }
    }

    [Fact]
    public void Render_AValueMissing_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => EmailCatalogue.Render("fr", "grant.refundOwed", new Dictionary<string, string>()));
        Assert.Throws<KeyNotFoundException>(() => EmailCatalogue.Render("fr", "no.such.text", new Dictionary<string, string>()));
        Assert.Throws<ArgumentException>(() => EmailCatalogue.Render("de", "grant.refundOwed", new Dictionary<string, string> { ["amount"] = "1" }));
    }

    [Fact]
    public void Render_Html_EncodesTheValues()
    {
        var html = EmailCatalogue.Render("en", "signIn.html", new Dictionary<string, string> { ["link"] = "https://x.example/?a=1&b=<2>", ["minutes"] = "15" }, html: true);

        Assert.Contains("a=1&amp;b=&lt;2&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void ApplicationLetters_EveryKindAndOutcome_RenderWithoutMissingText(string language)
    {
        var round = Round();
        foreach (var (kind, status) in new[]
        {
            (ApplicationEmailMessage.Kinds.Acknowledgement, ApplicationStatus.Submitted),
            (ApplicationEmailMessage.Kinds.Screening, ApplicationStatus.Eligible),
            (ApplicationEmailMessage.Kinds.Screening, ApplicationStatus.Ineligible),
            (ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Approved),
            (ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Waitlisted),
            (ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Rejected),
        })
        {
            foreach (var replyTo in new[] { null, "secretariat@fund.example" })
            {
                Complete(ApplicationLetters.Compose(kind, Application(status), round, replyTo, "ana@ngo.example", language, Portal), language);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void GrantLetters_EveryKind_RenderWithoutMissingText(string language)
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Paid);
        file.Tranches[0].PaymentReference = "BANK-1";
        file.Tranches[0].ValueDate = "2027-01-05";
        file.Reports[0].Comments = "Add figures.";
        file.Reports[1].Status = ReportStatus.Accepted;
        file.Grant.RefundOwedMinor = 50_000;
        var kinds = new (string Kind, int? Number)[]
        {
            (GrantEmailMessage.Kinds.AgreementReady, null), (GrantEmailMessage.Kinds.TranchePaid, 1), (GrantEmailMessage.Kinds.ReportDueSoon, 1),
            (GrantEmailMessage.Kinds.ReportDueVerySoon, 1), (GrantEmailMessage.Kinds.ReportOverdue, 1), (GrantEmailMessage.Kinds.ReportReturned, 1),
            (GrantEmailMessage.Kinds.ReportAccepted, 2),
        };

        foreach (var (kind, number) in kinds)
        {
            var letter = SendGrantEmail.Compose(new GrantEmailMessage(GrantDoubles.GrantId, kind, number), file, Portal, language);
            Complete(Assert.IsType<EmailMessage>(letter), language);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void PeopleLetters_SignInInvitationsAndAssignments_RenderWithoutMissingText(string language)
    {
        var values = new Dictionary<string, string>
        {
            ["link"] = "https://grants.example.org/signin.html#token=abc", ["minutes"] = "15", ["inviter"] = "maria@fund.example",
            ["signIn"] = "https://grants.example.org/signin.html", ["round"] = "Call 2027",
        };
        Complete(EmailCatalogue.Letter("ana@ngo.example", language, "signIn", values), language);
        Complete(EmailCatalogue.Letter("ana@ngo.example", language, "invitation.panel", values), language);
        foreach (var role in new[] { "Reviewer", "Donor", "Secretariat" })
        {
            values["role"] = EmailCatalogue.Render(language, "role." + role, values);
            Complete(EmailCatalogue.Letter("ana@ngo.example", language, "invitation.role", values), language);
        }

        var organisation = new OrganisationEntity { PartitionKey = "org-1", Name = "Casa Segura" };
        var invitation = new InvitationEntity { Email = "ana@ngo.example", InvitedByEmail = "luis@ngo.example", ExpiresAt = new DateTimeOffset(2027, 3, 16, 10, 0, 0, TimeSpan.Zero) };
        Complete(InvitationLetters.Compose(organisation, invitation, Portal, language), language);

        var given = new[] { new AssignmentEntity { Reference = "TF-2", ApplicationTitle = "Legal aid" }, new AssignmentEntity { Reference = "TF-1", ApplicationTitle = "Shelter" } };
        var assignments = SendAssignmentEmail.Compose("rev@example.org", language, Round(), given, Portal);
        Complete(assignments, language);
        Assert.True(assignments.Text.IndexOf("TF-1: Shelter", StringComparison.Ordinal) < assignments.Text.IndexOf("TF-2: Legal aid", StringComparison.Ordinal));
    }

    [Fact]
    public void ApplicationLetters_Decision_DatesAndMoneyInTheLanguageOnTheRoundsClock()
    {
        var round = Round();
        var approved = Application(ApplicationStatus.Approved);

        var english = ApplicationLetters.Compose(ApplicationEmailMessage.Kinds.Decision, approved, round, null, "a@ngo.example", "en", Portal).Text;
        var french = ApplicationLetters.Compose(ApplicationEmailMessage.Kinds.Decision, approved, round, null, "a@ngo.example", "fr", Portal).Text;
        var spanish = ApplicationLetters.Compose(ApplicationEmailMessage.Kinds.Decision, approved, round, null, "a@ngo.example", "es", Portal).Text;
        var received = ApplicationLetters.Compose(ApplicationEmailMessage.Kinds.Acknowledgement, approved, round, null, "a@ngo.example", "es", Portal).Text;

        Assert.Contains("45,000.50 USD", english, StringComparison.Ordinal);
        Assert.Matches(@"45\s000,50 USD", french);
        Assert.Contains("45.000,50 USD", spanish, StringComparison.Ordinal);
        // Submitted 2027-03-01 02:30 UTC is still the last day of February in Mexico City.
        Assert.Contains("28 de febrero de 2027, 20:30 (America/Mexico_City)", received, StringComparison.Ordinal);
    }

    /// <summary>Text and subject present, nothing left in braces, and (away from English) not the English text.</summary>
    private static void Complete(EmailMessage letter, string language)
    {
        Assert.False(string.IsNullOrWhiteSpace(letter.Subject));
        Assert.False(string.IsNullOrWhiteSpace(letter.Text));
        Assert.DoesNotMatch(@"\{[a-zA-Z]+\}", letter.Subject + letter.Text + letter.Html);
        if (language != "en")
        {
            Assert.DoesNotContain(" the ", letter.Text, StringComparison.Ordinal);
        }
    }

    private static RoundEntity Round() => new()
    {
        RowKey = "round-1", FundId = "fund-1", Title = "Call 2027", TimeZone = "America/Mexico_City", Currency = "USD",
        ReviewDueAt = new DateTimeOffset(2027, 5, 1, 23, 0, 0, TimeSpan.Zero),
    };

    private static ApplicationEntity Application(string status) => new()
    {
        PartitionKey = "round-1", RowKey = "app-1", Title = "Safe houses", Reference = "TF-2027-001", Currency = "USD", Status = status,
        SubmittedAt = new DateTimeOffset(2027, 3, 1, 2, 30, 0, TimeSpan.Zero), SubmittedByEmail = "ana@ngo.example",
        ScreeningReasons = "The organisation is not registered.\nThe budget is missing.", ApprovedMinor = 4_500_050, DecisionRationale = "Strong model.",
    };
}
