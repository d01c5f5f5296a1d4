using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// The grant source while this branch has no grants feature (issue #10 is built beside it): a fund has no
/// grants, so the projections hold contributions only. Replaced by the grants feature's source when it lands.
/// </summary>
public sealed class NoGrantsYet : IGrantSource
{
    public Task<GrantFacts?> FindAsync(string fundId, string grantId, CancellationToken cancellationToken) => Task.FromResult<GrantFacts?>(null);

    public async IAsyncEnumerable<GrantRecord> ListAsync(string fundId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}
