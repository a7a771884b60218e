using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Actuation;
using Tandem.Loop;
using Tandem.Scenarios;
using Tandem.Scheduling;
using Tandem.Server.Hosting;
using Tandem.Server.Jobs;
using Tandem.Server.Live;
using Tandem.Server.Security;
using Tandem.Signals;
using Tandem.Storage.Keys;
using Tandem.Storage.Live;
using Tandem.Storage.Signals;
using Tandem.Tests.Testing;
using Tandem.Time;

namespace Tandem.Cli.Tests.Serve;

/// <summary>The live loop on the built-in demo, stepped by hand on a clock that only moves when told: it runs the same
/// loop as `tandem simulate`, releases signals to the store only as their time comes, admits jobs submitted over the
/// API and shows where and why they are planned, refuses jobs the fleet cannot run, and resumes after a restart without
/// losing or repeating anything. The same tests run on SQLite and PostgreSQL.</summary>
public abstract class LiveLoopContract<TDatabase> : LiveHarness<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static object Job(int gpus = 8, string site = "ningxia", double hours = 30) =>
        new { gpus, work_gpu_hours = 64.0, deadline = Grid.Start.AddHours(hours), tier = "relaxed", sites = new[] { site } };

    [Fact]
    public async Task AReplay_RunsTheSameLoopAsSimulate_AndRecordsEveryCommand()
    {
        var db = NewDatabase();
        var (client, live, _) = await Start(db);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Call(client, HttpMethod.Get, "/plan", "read")).Status);
        Assert.Equal(Grid.Count, live.Advance(Grid.End));
        var offline = PlanActLoop.Run(Scenario, PolicyCatalog.Create("mpc")!);
        Assert.Empty(live.Result!.Violations);
        Assert.Equal(offline.Totals.Emissions.Kilograms, live.Result.Totals.Emissions.Kilograms, 9);
        Assert.Equal(offline.Totals.Cost.Amount, live.Result.Totals.Cost.Amount, 9);
        Assert.Equal(offline.Commands.Count, live.Result.Commands.Count);
        using var store = LiveStore.Open(db);
        Assert.Equal(Grid.Count, store.Progress(live.Run)!.NextStep);
        var actions = store.Actions(live.Run);
        Assert.Equal(offline.Commands.Count, actions.Count);
        Assert.Equal(Enumerable.Range(1, actions.Count).Select(i => (long)i), actions.Select(a => a.Seq));
        Assert.Equal(offline.Commands.Select(c => CommandJson.Of(c).Write()), actions.Select(a => a.CommandJson));
        // The view's totals are the grid draw of each step times its intensity, recomputed here from the traces.
        var (_, plan) = await Call(client, HttpMethod.Get, "/plan", "read");
        var kg = 0.0;
        for (var s = 0; s < Scenario.Sites.Count; s++)
            for (var t = 0; t < Grid.Count; t++) kg += offline.Sites[s].GridKw[t] * Grid.StepHours * Scenario.Signals.Carbon(s, t).GramsPerKilowattHour / 1000;
        Assert.Equal(kg, plan.GetProperty("totals").GetProperty("emissions_kg").GetDouble(), 6);
        Assert.True(plan.GetProperty("finished").GetBoolean());
    }

    [Fact]
    public async Task Signals_ReachTheStore_OnlyAsTheirTimeComes()
    {
        var (_, live, app) = await Start(NewDatabase());
        live.Advance(Grid.TimeAt(5));
        var store = app.Services.GetRequiredService<ISignalStore>();
        foreach (var site in Scenario.Sites)
        {
            Assert.Null(store.Read(site.Id, SignalKind.Carbon, new Interval(Grid.TimeAt(6), Grid.End)));
            var released = store.Read(site.Id, SignalKind.Carbon, new Interval(Grid.Start.AddDays(-28), Grid.TimeAt(6)))!;
            Assert.Equal(Grid.TimeAt(6), released.Grid.End);
            Assert.Equal(Scenario.Signals.Carbon(Scenario.SiteIndex(site.Id), 5).GramsPerKilowattHour, released.Values.Values[^1], 9);
        }
    }

    [Fact]
    public async Task ASubmittedJob_IsAdmitted_Planned_Run_AndDone_WithItsReason()
    {
        var (client, live, _) = await Start(NewDatabase(), "mpc");
        var (created, job) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(), "j1");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("queued", job.GetProperty("status").GetString());
        var id = job.GetProperty("id").GetString()!;
        live.Advance(Grid.TimeAt(0));
        var (_, mine) = await Call(client, HttpMethod.Get, $"/jobs/{id}", "a");
        var plan = mine.GetProperty("plan");
        Assert.Contains(mine.GetProperty("status").GetString(), new[] { "pending", "running" });
        Assert.Equal("ningxia", plan.GetProperty("site").GetString());
        Assert.False(string.IsNullOrWhiteSpace(plan.GetProperty("reason").GetString()));
        // A waiting job carries the plan's start; a running one its start. Either way the planner's estimate is there.
        Assert.True(plan.GetProperty("planned_start").ValueKind != JsonValueKind.Null || plan.GetProperty("started_at").ValueKind != JsonValueKind.Null);
        Assert.True(plan.GetProperty("expected_emissions_kg").GetDouble() > 0);
        var (_, view) = await Call(client, HttpMethod.Get, "/plan?tenant=a", "read");
        Assert.Equal(id, Assert.Single(view.GetProperty("jobs").EnumerateArray()).GetProperty("id").GetString());
        // Another tenant does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await Call(client, HttpMethod.Get, $"/jobs/{id}", "b")).Status);
        live.Advance(Grid.End);
        (_, mine) = await Call(client, HttpMethod.Get, $"/jobs/{id}", "a");
        Assert.Equal("done", mine.GetProperty("status").GetString());
        var finished = mine.GetProperty("plan").GetProperty("finished_at").GetDateTimeOffset();
        Assert.True(finished <= Grid.Start.AddHours(30));
        // It ran where the plan said, and started once: it is not interruptible.
        var starts = new List<JsonElement>();
        for (long after = 0; ; )
        {
            var (_, page) = await Call(client, HttpMethod.Get, $"/plan/actions?after={after}&limit=10000", "read");
            var items = page.EnumerateArray().ToList();
            if (items.Count == 0) break;
            starts.AddRange(items.Select(a => a.GetProperty("command")).Where(c => c.GetProperty("type").GetString() == "start" && c.GetProperty("job").GetString() == id));
            after = items[^1].GetProperty("seq").GetInt64();
        }
        Assert.Equal("ningxia", Assert.Single(starts).GetProperty("site").GetString());
        Assert.Empty(live.Result!.Violations);
    }

    [Fact]
    public async Task AJobTheFleetCannotRun_Is400NamingTheField_AndNothingIsStored()
    {
        var (client, _, _) = await Start(NewDatabase());
        var (status, body) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(site: "mars"), "x1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("mars", body.GetProperty("errors").GetProperty("sites")[0].GetString());
        (status, body) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(gpus: 4096), "x2");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("gpus", out _));
        var (_, all) = await Call(client, HttpMethod.Get, "/jobs", "admin");
        Assert.Empty(all.EnumerateArray());
    }

    [Fact]
    public async Task AQueuedJob_IsCancelledAtOnce_AnAdmittedOne_AtTheNextStep_AndNeitherRunsAfter()
    {
        var (client, live, _) = await Start(NewDatabase());
        var (_, first) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(), "c1");
        var (_, second) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(), "c2");
        // A rigid job with no slack: it must start at once, so cancelling it stops a running job.
        var (_, third) = await Call(client, HttpMethod.Post, "/jobs", "a",
            new { gpus = 8, work_gpu_hours = 64.0, deadline = Grid.Start.AddHours(8), tier = "rigid", sites = new[] { "ningxia" } }, "c3");
        var queued = first.GetProperty("id").GetString()!;
        var planned = second.GetProperty("id").GetString()!;
        var running = third.GetProperty("id").GetString()!;
        var (status, body) = await Call(client, HttpMethod.Post, $"/jobs/{queued}/cancel", "a");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        live.Advance(Grid.TimeAt(0));
        Assert.Equal(HttpStatusCode.NotFound, (await Call(client, HttpMethod.Post, $"/jobs/{planned}/cancel", "b")).Status);
        Assert.Equal("running", (await Call(client, HttpMethod.Get, $"/jobs/{running}", "a")).Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await Call(client, HttpMethod.Post, $"/jobs/{running}/cancel", "a")).Status);
        (status, body) = await Call(client, HttpMethod.Post, $"/jobs/{planned}/cancel", "a");
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("cancel-requested", body.GetProperty("status").GetString());
        live.Advance(Grid.TimeAt(1));
        Assert.Equal("cancelled", (await Call(client, HttpMethod.Get, $"/jobs/{planned}", "a")).Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Call(client, HttpMethod.Post, $"/jobs/{planned}/cancel", "a")).Status);
        live.Advance(Grid.End);
        var result = live.Result!;
        Assert.Empty(result.Violations);
        // Withdrawn at the start of step 1, before the policy decided; nothing started it after; the queued one never ran.
        Assert.Contains(result.Commands.OfType<CancelJob>(), c => c.JobId == planned && c.At == Grid.TimeAt(1));
        Assert.DoesNotContain(result.Commands.OfType<StartJob>(), s => s.JobId == planned && s.At >= Grid.TimeAt(1));
        Assert.DoesNotContain(result.Commands, c => c is StartJob s && s.JobId == queued);
        // The two jobs admitted from the API have the first indices after the scenario's: no stretch of theirs goes past
        // step 1, and the running one held its GPUs for step 0 only.
        Assert.All(result.Log.Runs.Where(r => r.Job >= Scenario.Jobs.Count), r => Assert.True(r.ToStep <= 1, $"it ran until step {r.ToStep}"));
        Assert.Contains(result.Log.Runs, r => r.Job >= Scenario.Jobs.Count && r.FromStep == 0 && r.ToStep == 1);
        Assert.Equal("cancelled", (await Call(client, HttpMethod.Get, $"/jobs/{running}", "a")).Body.GetProperty("status").GetString());
        // Neither done nor unfinished: every other job is one or the other.
        Assert.Equal(result.Totals.JobsTotal - 2, result.Totals.JobsCompleted + result.Totals.JobsUnfinished);
    }

    [Fact]
    public async Task ARestart_ResumesWhereItStopped_WithoutLosingOrRepeatingAnything()
    {
        // Interrupted: a job is submitted, 40 steps run, the service stops; a new one on the same store runs the rest.
        var db = NewDatabase();
        var (client, live, app) = await Start(db);
        await Call(client, HttpMethod.Post, "/jobs", "a", Job(hours: 60), "r1");
        live.Advance(Grid.TimeAt(39));
        var run = live.Run;
        await app.StopAsync(TestContext.Current.CancellationToken);
        var (client2, resumed, _) = await Start(db);
        // The resumed clock starts where the run stopped; a job submitted now joins at step 40.
        await Call(client2, HttpMethod.Post, "/jobs", "b", Job(hours: 60), "r2");
        Assert.Equal(Grid.Count - 40, resumed.Advance(Grid.End));

        // Uninterrupted, with the same two submissions at the same instants.
        var (client3, whole, _) = await Start(NewDatabase());
        await Call(client3, HttpMethod.Post, "/jobs", "a", Job(hours: 60), "r1");
        whole.Advance(Grid.TimeAt(39));
        await Call(client3, HttpMethod.Post, "/jobs", "b", Job(hours: 60), "r2");
        whole.Advance(Grid.End);

        Assert.True(resumed.ResumedExactly, "the policy did not re-decide the recorded steps as recorded");
        Assert.Empty(resumed.Result!.Violations);
        Assert.Equal(whole.Result!.Totals.Emissions.Kilograms, resumed.Result.Totals.Emissions.Kilograms, 6);
        Assert.Equal(whole.Result.Totals.JobsCompleted, resumed.Result.Totals.JobsCompleted);
        Assert.Equal(whole.Result.Commands.Count, resumed.Result.Commands.Count);
        using var store = LiveStore.Open(db);
        var actions = store.Actions(run);
        Assert.Equal(Enumerable.Range(1, actions.Count).Select(i => (long)i), actions.Select(a => a.Seq));
        Assert.Equal(whole.Result.Commands.Count, actions.Count);
        var jobs = store.Jobs(run);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal("done", j.Status));
        Assert.Equal([0, 40], jobs.Select(j => j.AdmittedStep).Order());
    }

    [Fact]
    public async Task ARecordThePolicyWouldNotRepeat_IsReplayedAsRecorded_AndThePolicyStartsAfresh()
    {
        // The record says one inference command served a little less than the policy would: a restart finds the
        // difference, rebuilds the fleet from the recorded commands alone, and carries on from there.
        var db = NewDatabase();
        var (client, live, app) = await Start(db);
        live.Advance(Grid.TimeAt(2));
        // A fleet edit at step 3 is made again on the fallback path too, from the scenario as it was.
        Assert.Equal(HttpStatusCode.OK, (await Call(client, HttpMethod.Put, "/fleet/sites/california/pools/h100", "admin", new { count = 2048, idle_power_w = 80.0, max_power_w = 700.0 })).Status);
        live.Advance(Grid.TimeAt(9));
        var run = live.Run;
        await app.StopAsync(TestContext.Current.CancellationToken);
        var connection = Tandem.Storage.Schema.StoreDatabase.Open(db);
        await using (connection)
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT seq, command_json FROM live_actions WHERE step = 5 AND command_json LIKE '%\"serve\"%' ORDER BY seq LIMIT 1";
            long seq;
            string json;
            await using (var r = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            {
                Assert.True(await r.ReadAsync(TestContext.Current.CancellationToken));
                seq = r.GetInt64(0);
                json = r.GetString(1);
            }
            var command = JsonSerializer.Deserialize<CommandJson>(json)!;
            await using var write = connection.CreateCommand();
            write.CommandText = "UPDATE live_actions SET command_json = @json WHERE seq = @seq AND run = @run";
            var (j, q, r2) = (write.CreateParameter(), write.CreateParameter(), write.CreateParameter());
            (j.ParameterName, j.Value) = ("@json", (command with { LoadGpus = command.LoadGpus!.Value / 2 }).Write());
            (q.ParameterName, q.Value) = ("@seq", seq);
            (r2.ParameterName, r2.Value) = ("@run", run);
            write.Parameters.Add(j);
            write.Parameters.Add(q);
            write.Parameters.Add(r2);
            Assert.Equal(1, await write.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        var (_, resumed, _) = await Start(db);
        Assert.Equal(Grid.Count - 10, resumed.Advance(Grid.End));
        Assert.False(resumed.ResumedExactly);
        Assert.Empty(resumed.Result!.Violations);
        Assert.Equal([0, 3], resumed.Scenario.FleetHistory.Select(h => h.FromStep));
        Assert.Equal((2048, "H100"), (resumed.Scenario.Sites[Scenario.SiteIndex("california")].Pools[0].Count, resumed.Scenario.Sites[Scenario.SiteIndex("california")].Pools[0].GpuModel));
        // The fleet followed the record: the halved load is what step 5 served.
        Assert.Contains(resumed.Result.Commands.OfType<ServeInference>(), c => c.At == Grid.TimeAt(5) && c.LoadGpus > 0);
    }

    [Fact]
    public async Task TheFleetAndThePowerHistory_AreServed_AndAFinishedReplayTakesNoMoreJobs()
    {
        var (client, live, _) = await Start(NewDatabase());
        var (_, fleet) = await Call(client, HttpMethod.Get, "/fleet", "read");
        Assert.Equal(Scenario.Sites.Select(s => s.Id), fleet.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var ningxia = fleet.EnumerateArray().First().GetProperty("pools")[0];
        Assert.Equal(Scenario.Sites[0].Pools[0].Count, ningxia.GetProperty("gpus").GetInt32());
        Assert.Equal(Scenario.Sites[0].Pools[0].Curve.Levels.Count, ningxia.GetProperty("level_watts").GetArrayLength());
        live.Advance(Grid.TimeAt(3));
        var (_, history) = await Call(client, HttpMethod.Get, "/plan/history", "read");
        Assert.Equal(4, history.GetProperty("times").GetArrayLength());
        var offline = PlanActLoop.Run(Scenario, PolicyCatalog.Create("mpc")!);
        for (var s = 0; s < Scenario.Sites.Count; s++)
            Assert.Equal(offline.Sites[s].FacilityKw[..4], history.GetProperty("sites")[s].GetProperty("facility_kw").EnumerateArray().Select(v => v.GetDouble()));
        live.Advance(Grid.End);
        var (status, _) = await Call(client, HttpMethod.Post, "/jobs", "a", Job(), "late-1");
        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task APolicyWithForesight_CannotRunLive()
    {
        var e = Assert.Throws<ArgumentException>(() => TandemServer.Build(new ServeSettings(NewDatabase()) { Replay = new ReplaySettings(Demo, 3600, "optimal") }));
        Assert.StartsWith("--policy: optimal plans with perfect foresight", e.Message);
    }
}

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteLiveLoopTests : LiveLoopContract<SqliteTestDatabase>;

/// <summary>The contract on PostgreSQL.</summary>
public sealed class PostgresLiveLoopTests : LiveLoopContract<PostgresTestDatabase>;
