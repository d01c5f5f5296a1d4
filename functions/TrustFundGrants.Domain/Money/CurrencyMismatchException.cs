namespace TrustFundGrants.Domain;

/// <summary>Amounts in different currencies were combined; that needs an explicit conversion, never an implicit one.</summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    public CurrencyMismatchException(CurrencyCode left, CurrencyCode right)
        : base($"Cannot combine an amount in {left} with an amount in {right}.")
    {
        Left = left;
        Right = right;
    }

    public CurrencyCode Left { get; }

    public CurrencyCode Right { get; }
}
