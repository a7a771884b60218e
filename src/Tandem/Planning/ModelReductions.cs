namespace Tandem.Planning;

/// <summary>Ways in which the optimal planner's model is smaller than, or scores differently from, the scenario it
/// plans. With none, the model's optimum is the scenario's optimum and its lower bound bounds every schedule the
/// simulator could run; each flag says why that claim is weaker.</summary>
[Flags]
public enum ModelReductions
{
    /// <summary>The model is exact for the scenario.</summary>
    None = 0,
    /// <summary>Start times were thinned to fit the candidate budget: the optimum and the bound hold over the starts
    /// kept, not over every start.</summary>
    ThinnedStarts = 1,
    /// <summary>Only some levels of a pool's power curve were offered (full power, the most efficient and one between):
    /// the optimum and the bound hold over those levels.</summary>
    PowerLevelSubset = 2,
    /// <summary>A site has a battery: the model dispatches it optimally, the simulator by its own rule, so the plan's
    /// realised objective can exceed the model's. The bound still holds; optimality is not proven.</summary>
    BatteryDispatch = 4,
}
