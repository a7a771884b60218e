namespace Tandem.Planning;

/// <summary>How a plan was made: the closed set of methods the planners use.</summary>
public enum PlanMethod
{
    /// <summary>A heuristic (the greedy planner, or MPC's re-planning with it): no bound, no optimality claim.</summary>
    Heuristic,
    /// <summary>The mixed-integer program over the candidate placements, solved by branch and bound: optimal when the
    /// solver proves it, otherwise the incumbent at the time limit with its gap to a proven bound.</summary>
    ExactMilp,
    /// <summary>The LP relaxation of that program (its optimum is a lower bound), repaired into a schedule by the
    /// greedy planner trying the LP's placements first.</summary>
    LpRelaxationWithRepair,
}
