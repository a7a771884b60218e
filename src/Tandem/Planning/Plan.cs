namespace Tandem.Planning;

/// <summary>A planner's answer: when, where and at what power level each job starts, where online demand is served,
/// the model's objective, a lower bound where the method gives one, and the jobs that cannot be placed as asked
/// (infeasible input is a result, not an exception).</summary>
public sealed class Plan
{
    /// <summary>Creates a plan covering steps [<paramref name="offset"/>, offset + <paramref name="steps"/>).</summary>
    public Plan(int offset, int steps, int regions, int sites, int[] poolsPerSite)
    {
        Offset = offset;
        Steps = steps;
        InferenceLoad = Enumerable.Range(0, regions).Select(_ => Enumerable.Range(0, sites).Select(s =>
            Enumerable.Range(0, poolsPerSite[s]).Select(_ => new double[steps]).ToArray()).ToArray()).ToArray();
    }

    /// <summary>First absolute step the plan covers.</summary>
    public int Offset { get; }
    /// <summary>Number of steps covered.</summary>
    public int Steps { get; }
    /// <summary>Planned job starts.</summary>
    public List<PlannedStart> Starts { get; } = [];
    /// <summary>GPU load of online demand to serve: [region][site][pool][step − Offset].</summary>
    public double[][][][] InferenceLoad { get; }
    /// <summary>Jobs the planner could not place as asked, each with the reason.</summary>
    public List<string> Problems { get; } = [];
    /// <summary>The planner's own estimate of the objective.</summary>
    public double ModelObjective { get; set; }
    /// <summary>A proven lower bound on the model objective (LP relaxation or MILP bound), if the method gives one.</summary>
    public double? LowerBound { get; set; }
    /// <summary>How it was solved, e.g. "MILP (SCIP), optimal" or "LP relaxation (GLOP) + repair".</summary>
    public string Method { get; set; } = "";
    /// <summary>Wall time spent planning.</summary>
    public double SolveSeconds { get; set; }
}
