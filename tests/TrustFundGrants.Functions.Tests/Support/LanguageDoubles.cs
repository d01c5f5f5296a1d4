using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Identity;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>A <see cref="UserLanguages"/> over a strict users table that knows the given people's languages and no one else.</summary>
internal static class LanguageDoubles
{
    public static UserLanguages Stored(params (string Email, string Language)[] known)
    {
        var service = new Mock<TableServiceClient>(MockBehavior.Strict);
        var users = new Mock<TableClient>(MockBehavior.Strict);
        service.Setup(s => s.GetTableClient(UserStore.Table)).Returns(users.Object);
        var byKey = known.ToDictionary(k => EmailAddress.Key(EmailAddress.Normalize(k.Email)), k => k.Language, StringComparer.Ordinal);
        users.Setup(t => t.GetEntityIfExistsAsync<UserEntity>(It.IsAny<string>(), UserEntity.Row, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string partitionKey, string _, IEnumerable<string> _, CancellationToken _) =>
                byKey.TryGetValue(partitionKey, out var language)
                    ? Response.FromValue(new UserEntity { PartitionKey = partitionKey, Language = language }, Mock.Of<Response>())
                    : FeatureDoubles.Missing<UserEntity>());
        return new UserLanguages(service.Object);
    }
}
