namespace Tandem.Actuation;

/// <summary>A policy asked the fleet to do something the physics or the rules forbid. This is a bug in the policy:
/// the simulator reports it and stops that run rather than clip the decision.</summary>
public sealed class PolicyViolationException : Exception
{
    /// <summary>Creates the report.</summary>
    public PolicyViolationException(string policy, DateTimeOffset at, string message)
        : base($"policy '{policy}' broke a hard constraint at {at:O}: {message}")
    {
        Policy = policy;
        At = at;
    }

    /// <summary>Creates an empty report (for serialisers).</summary>
    public PolicyViolationException() { Policy = ""; }
    /// <summary>Creates a report with a message.</summary>
    public PolicyViolationException(string message) : base(message) { Policy = ""; }
    /// <summary>Creates a report with a message and a cause.</summary>
    public PolicyViolationException(string message, Exception inner) : base(message, inner) { Policy = ""; }

    /// <summary>The policy at fault.</summary>
    public string Policy { get; }
    /// <summary>Start of the step in which it happened.</summary>
    public DateTimeOffset At { get; }
}
