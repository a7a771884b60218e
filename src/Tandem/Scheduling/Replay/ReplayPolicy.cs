using Tandem.Actuation;

namespace Tandem.Scheduling.Replay;

/// <summary>Carries out a saved plan: at each step it issues the plan's commands for that instant, in order, and nothing
/// else. The actuator checks each one like any policy's, so a plan that does not fit the scenario fails loudly.</summary>
public sealed class ReplayPolicy(string name, IReadOnlyList<Command> commands, bool foresight = false) : IPolicy
{
    /// <summary>Whether the plan was made with perfect foresight (an oracle); a replay carries that label on.</summary>
    public bool Foresight => foresight;

    private ILookup<DateTimeOffset, Command> _byInstant = commands.ToLookup(c => c.At);

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public void Prepare(PolicySetup setup)
    {
        var first = setup.Period.Start;
        var end = setup.Period.End;
        var outside = commands.FirstOrDefault(c => c.At < first || c.At >= end || (c.At - first).Ticks % setup.Period.Step.Ticks != 0);
        if (outside is not null)
            throw new ArgumentException($"The plan has a command at {outside.At:O}, which is not the start of a step of the period {first:O}..{end:O}.");
        _byInstant = commands.ToLookup(c => c.At);
    }

    /// <inheritdoc />
    public void Decide(DecisionContext context)
    {
        foreach (var c in _byInstant[context.Now]) context.Issue(c);
    }
}
