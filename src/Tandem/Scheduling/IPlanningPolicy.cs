namespace Tandem.Scheduling;

/// <summary>A policy that plans with a solver or heuristic, and reports how long that took and how it went.</summary>
public interface IPlanningPolicy : IPolicy
{
    /// <summary>Wall time spent planning in the last run, seconds.</summary>
    double PlanningSeconds { get; }
    /// <summary>How the last plan was made (method, solver, whether optimal).</summary>
    string Method { get; }
    /// <summary>A lower bound on the model objective, where the method proves one.</summary>
    double? LowerBound { get; }
}
