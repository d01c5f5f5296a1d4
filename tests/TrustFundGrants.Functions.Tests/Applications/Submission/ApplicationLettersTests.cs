using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Tests.Applications.Submission;

/// <summary>Issue 13.3: a letter that may raise a question never invites a reply to the no-reply sender.</summary>
public sealed class ApplicationLettersTests
{
    private static readonly Uri Portal = new("https://grants.example.org");

    public static TheoryData<string, string, string> Questioning => new()
    {
        { ApplicationEmailMessage.Kinds.Screening, ApplicationStatus.Ineligible, "en" },
        { ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Rejected, "en" },
        { ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Waitlisted, "en" },
        { ApplicationEmailMessage.Kinds.Decision, ApplicationStatus.Rejected, "fr" },
        { ApplicationEmailMessage.Kinds.Screening, ApplicationStatus.Ineligible, "es" },
    };

    [Theory]
    [MemberData(nameof(Questioning))]
    public void Compose_FundWithReplyTo_CarriesItAsReplyToAndNamesIt(string kind, string status, string language)
    {
        var letter = ApplicationLetters.Compose(kind, Application(status), Round(), "secretariat@fund.example", "ana@ngo.example", language, Portal);

        Assert.Equal("secretariat@fund.example", letter.ReplyTo);
        Assert.Contains("secretariat@fund.example", letter.Text, StringComparison.Ordinal);
        Assert.Contains("TF-1", letter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Questioning))]
    public void Compose_FundWithoutReplyTo_NeverSaysReplyAndSaysWhereToLook(string kind, string status, string language)
    {
        var letter = ApplicationLetters.Compose(kind, Application(status), Round(), null, "ana@ngo.example", language, Portal);

        Assert.Null(letter.ReplyTo);
        Assert.DoesNotMatch("(?i)reply to|répondez|responda", letter.Text);
        Assert.Contains("https://grants.example.org/applicant/application.html?id=app-1", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_UnknownKind_Throws() =>
        Assert.Throws<FormatException>(() => ApplicationLetters.Compose("postcard", Application(ApplicationStatus.Submitted), Round(), null, "a@ngo.example", "en", Portal));

    private static RoundEntity Round() => new() { RowKey = "round-1", Title = "Call 2027", TimeZone = "UTC", Currency = "USD" };

    private static ApplicationEntity Application(string status) => new()
    {
        PartitionKey = "round-1", RowKey = "app-1", Title = "Safe houses", Reference = "TF-1", Currency = "USD", Status = status,
        ScreeningReasons = "Not registered.", DecisionRationale = "Outside the call's focus.",
    };
}
