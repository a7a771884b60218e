using Tandem.Actuation;
using Tandem.Formats;
using Tandem.Scheduling.Replay;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Scheduling;

/// <summary>A plan file keeps every kind of command exactly, with its instant, ids, level, load and reasons.</summary>
public class PlanFileTests
{
    private static readonly DateTimeOffset T = new(2022, 6, 1, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryCommand_RoundTrips()
    {
        Command[] commands =
        [
            new StartJob(T, "j1", "a", "p", 3, new CommandReason(1.25, 0.5, TimeSpan.FromHours(2.5))),
            new StartJob(T, "j2", "b", "q", 0),
            new StartJob(T, "j3", "b", "q", 1) { Gpus = 16 },
            new PauseJob(T.AddHours(1), "j1"),
            new SetPowerLevel(T.AddHours(2), "j2", 4),
            new ServeInference(T.AddHours(2), "east", "a", "p", 0.375),
        ];
        using var dir = new TempFolder();
        var path = dir.Write("plan.json", PlanFile.ToJson("s", "mpc", foresight: true, commands));
        var read = PlanFile.Read(path);
        Assert.Equal("mpc", read.Policy);
        Assert.True(read.Foresight);
        Assert.Equal(commands, read.Commands);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    [InlineData("{ \"policy\": \"p\" }")]
    [InlineData("{ \"commands\": [ { \"at\": \"2022-06-01T03:00:00\", \"command\": \"pause\", \"job\": \"j\" } ] }")]
    [InlineData("{ \"commands\": [ { \"at\": \"2022-06-01T03:00:00Z\", \"command\": \"jump\" } ] }")]
    [InlineData("{ \"commands\": [ { \"at\": \"2022-06-01T03:00:00Z\", \"command\": \"start\", \"job\": \"j\", \"site\": \"a\", \"pool\": \"p\", \"level\": 0, \"gpus\": 2.5 } ] }")]
    public void ABrokenPlan_IsAnInputError(string json)
    {
        using var dir = new TempFolder();
        Assert.Throws<DataFileException>(() => PlanFile.Read(dir.Write("bad.json", json)));
    }
}
