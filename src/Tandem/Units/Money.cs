namespace Tandem.Units;

/// <summary>An amount of money in one currency. Adding amounts of different currencies is a bug.</summary>
public readonly record struct Money(double Amount, Currency Currency)
{
    /// <summary>The amount, finite.</summary>
    public double Amount { get; } = Guard.Finite(Amount, nameof(Money));
    /// <summary>An amount in a currency.</summary>
    public static Money Of(double amount, Currency currency) => new(amount, currency);
    /// <summary>Zero in a currency.</summary>
    public static Money Zero(Currency currency) => new(0, currency);

    /// <summary>Sum in the same unit.</summary>
    public static Money operator +(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new InvalidOperationException($"Cannot add {a.Currency} to {b.Currency}; convert at the door.");
        return new(a.Amount + b.Amount, a.Currency);
    }
    /// <inheritdoc />
    public override string ToString() => $"{Amount:0.##} {Currency}";
}
