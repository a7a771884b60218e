namespace Tandem.Scheduling;

/// <summary>The policies that can be named on the command line.</summary>
public static class PolicyCatalog
{
    private static readonly Dictionary<string, Func<IPolicy>> Factories = new(StringComparer.Ordinal)
    {
        ["run-now"] = () => new RunNowPolicy(),
        ["wait-awhile"] = () => new WaitAwhilePolicy(),
    };

    /// <summary>Every policy name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = Factories.Keys.ToArray();

    /// <summary>A fresh policy by name, or null if there is none of that name.</summary>
    public static IPolicy? Create(string name) => Factories.TryGetValue(name, out var f) ? f() : null;
}
