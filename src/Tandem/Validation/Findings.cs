namespace Tandem.Validation;

/// <summary>The validator's findings, each tagged with the rule it breaks (<c>[grid-limit] site a …</c>). A broken
/// input can break one rule at every step, so each rule keeps its first ten findings and the list stops at 200.</summary>
internal sealed class Findings
{
    private const int PerRule = 10, Total = 200;
    private readonly List<string> _items = [];
    private readonly Dictionary<string, int> _perRule = [];

    public IReadOnlyList<string> Items => _items;

    public void Add(string rule, string message)
    {
        var n = _perRule.GetValueOrDefault(rule);
        _perRule[rule] = n + 1;
        if (n < PerRule && _items.Count < Total) _items.Add($"[{rule}] {message}");
    }

    /// <summary>Whether two recomputed quantities agree within 1e-6 relative (with a 1e-9 floor for zeros).</summary>
    public static bool Agree(double a, double b) => Math.Abs(a - b) <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b)) + 1e-9;
}
