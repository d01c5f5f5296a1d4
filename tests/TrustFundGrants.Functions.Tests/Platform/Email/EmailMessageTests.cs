using TrustFundGrants.Functions.Platform.Email;

namespace TrustFundGrants.Functions.Tests.Platform.Email;

public sealed class EmailMessageTests
{
    [Fact]
    public void Subject_BuiltFromANameWithLineBreaks_IsOneLine()
    {
        var message = new EmailMessage("a@example.org", "You are invited to Safe Harbour\r\nBcc: everyone@example.org", "text");

        Assert.Equal("You are invited to Safe Harbour Bcc: everyone@example.org", message.Subject);
    }

    [Fact]
    public void Subject_WithABidiOverride_LosesIt()
    {
        var message = new EmailMessage("a@example.org", "Decision on \u202Eevil", "text");

        Assert.Equal("Decision on evil", message.Subject);
    }

    [Fact]
    public void Subject_TooLong_IsCut()
    {
        var message = new EmailMessage("a@example.org", new string('x', 500), "text");

        Assert.Equal(EmailMessage.MaxSubjectLength, message.Subject.Length);
    }
}
