namespace Tandem.Units;

/// <summary>An ISO 4217 currency code such as CNY, USD or EUR: three upper-case letters.</summary>
public readonly record struct Currency
{
    private Currency(string code) => Code = code;

    /// <summary>The three-letter code.</summary>
    public string Code { get; }

    /// <summary>Parses a three-letter code; returns false if <paramref name="text"/> is not one.</summary>
    public static bool TryParse(string? text, out Currency currency)
    {
        currency = default;
        if (text is null || text.Length != 3 || !text.All(char.IsAsciiLetterUpper)) return false;
        currency = new Currency(text);
        return true;
    }

    /// <summary>Parses a code known to be valid (a bug if not).</summary>
    public static Currency Of(string code) =>
        TryParse(code, out var c) ? c : throw new ArgumentException($"'{code}' is not a three-letter currency code.", nameof(code));

    /// <summary>Chinese yuan.</summary>
    public static Currency Cny => Of("CNY");
    /// <summary>US dollar.</summary>
    public static Currency Usd => Of("USD");
    /// <summary>Euro.</summary>
    public static Currency Eur => Of("EUR");
    /// <inheritdoc />
    public override string ToString() => Code ?? "";
}
