using System.Net;
using System.Text.Json;
using Tandem.Storage.Live;
using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests.Serve;

/// <summary>Fleet writes while the demo replays: an admin registers a site or changes one, the edit holds from the
/// loop's next step, the validated run agrees with the layout in force at each step, bad edits are refused by field
/// with nothing changed, and a restart replays the recorded edits to the same run. The same tests run on SQLite and
/// PostgreSQL.</summary>
public abstract class FleetApiContract<TDatabase> : LiveHarness<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly HttpMethod Patch = HttpMethod.Patch, Put = HttpMethod.Put, Post = HttpMethod.Post, Get = HttpMethod.Get;

    private static object Gansu(string zone = "CN-Northwest", double limitKw = 900) => new
    {
        id = "gansu", name = "Jiuquan hub, Gansu", time_zone = "Asia/Shanghai", grid_zone = zone, grid_limit_kw = limitKw,
        pue = new { @base = 1.15 },
        pools = new[] { new { id = "h800", gpu_model = "H800", count = 512, idle_power_w = 90.0, max_power_w = 700.0 } },
    };

    private static object Rigid(string site, int gpus = 64, double deadlineHours = 6) =>
        new { gpus, work_gpu_hours = gpus * 6.0, deadline = Grid.Start.AddHours(deadlineHours), tier = "rigid", sites = new[] { site } };

    private static string? Field(JsonElement problem) => problem.GetProperty("errors").EnumerateObject().Single().Name;

    [Fact]
    public async Task AnAdminRegistersASite_ItDrawsFromItsZone_AndAJobSubmittedForItRunsThere()
    {
        var (client, live, _) = await Start(NewDatabase());
        live.Advance(Grid.TimeAt(2));
        Assert.Equal(HttpStatusCode.Forbidden, (await Call(client, Post, "/fleet/sites", "read", Gansu())).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Call(client, Post, "/fleet/sites", "a", Gansu())).Status);
        var (status, edit) = await Call(client, Post, "/fleet/sites", "admin", Gansu());
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(3, edit.GetProperty("step").GetInt32());
        Assert.Equal(Grid.TimeAt(3), edit.GetProperty("holds_from").GetDateTimeOffset());
        var (_, fleet) = await Call(client, Get, "/fleet", "read");
        var listed = fleet.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "gansu");
        Assert.Equal(512, listed.GetProperty("pools")[0].GetProperty("gpus").GetInt32());
        Assert.Equal("CN-Northwest", listed.GetProperty("zone").GetString());

        var (submitted, job) = await Call(client, Post, "/jobs", "a", Rigid("gansu", deadlineHours: 12), "g1");
        Assert.Equal(HttpStatusCode.Created, submitted);
        live.Advance(Grid.End);
        var result = live.Result!;
        Assert.Empty(result.Violations);
        Assert.Empty(result.FirmLate);
        var (_, done) = await Call(client, Get, $"/jobs/{job.GetProperty("id").GetString()}", "a");
        Assert.Equal("done", done.GetProperty("status").GetString());
        Assert.Equal("gansu", done.GetProperty("plan").GetProperty("site").GetString());

        // Nothing drawn before it joined; from then on at least its idle GPUs: 512 × 90 W × PUE 1.15.
        var g = live.Scenario.SiteIndex("gansu");
        var trace = result.Sites[g];
        Assert.All(trace.FacilityKw[..3], kw => Assert.Equal(0, kw));
        Assert.All(trace.FacilityKw[3..], kw => Assert.True(kw >= 512 * 0.09 * 1.15 - 1e-9, $"{kw} kW"));
        // Its emissions are its grid draw times the intensity of zone CN-Northwest, Ningxia's, recomputed here.
        var ningxia = Scenario.SiteIndex("ningxia");
        var kg = Enumerable.Range(0, Grid.Count).Sum(t => trace.GridKw[t] * Grid.StepHours * Scenario.Signals.Carbon(ningxia, t).GramsPerKilowattHour / 1000);
        var (_, plan) = await Call(client, Get, "/plan", "read");
        Assert.Equal(kg, plan.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "gansu").GetProperty("emissions_kg").GetDouble(), 6);
    }

    [Fact]
    public async Task BadEdits_AreRefusedByField_AndChangeNothing()
    {
        var db = NewDatabase();
        var (client, live, _) = await Start(db);
        await Call(client, Post, "/jobs", "a", Rigid("sichuan"), "r1");
        live.Advance(Grid.TimeAt(0));
        var (_, before) = await Call(client, Get, "/fleet", "read");

        var (status, problem) = await Call(client, Post, "/fleet/sites", "admin", Gansu(limitKw: -5));
        Assert.Equal((HttpStatusCode.BadRequest, "grid_limit_kw"), (status, Field(problem)));
        (status, problem) = await Call(client, Post, "/fleet/sites", "admin", Gansu(zone: "XX-Nowhere"));
        Assert.Equal((HttpStatusCode.BadRequest, "grid_zone"), (status, Field(problem)));
        (status, problem) = await Call(client, Post, "/fleet/sites", "admin", """{"id":"gansu","pools":[{"id":"p","count":"many"}]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "pools[0].count"), (status, Field(problem)));
        // 512 idle GPUs at 90 W × 1.15 is 53 kW: a 50 kW connection cannot carry them.
        (status, problem) = await Call(client, Post, "/fleet/sites", "admin", Gansu(limitKw: 50));
        Assert.Equal((HttpStatusCode.BadRequest, "grid_limit_kw"), (status, Field(problem)));
        (status, problem) = await Call(client, Put, "/fleet/sites/ningxia/plants/wind", "admin", new { capacity_kw = 100.0 });
        Assert.Equal((HttpStatusCode.BadRequest, "kind"), (status, Field(problem)));
        (status, problem) = await Call(client, Put, "/fleet/sites/jiangsu/tariff", "admin",
            new { currency = "CNY", periods = new[] { new { from = "00:00", to = "12:00", band = "flat" } }, prices_per_kwh = new { flat = 0.5 } });
        Assert.Equal((HttpStatusCode.BadRequest, "periods"), (status, Field(problem)));
        Assert.Equal(HttpStatusCode.NotFound, (await Call(client, Patch, "/fleet/sites/nowhere", "admin", new { grid_limit_kw = 10.0 })).Status);
        (status, problem) = await Call(client, Patch, "/fleet/sites/jiangsu", "admin", new { pue = new { @base = 5.0 } });
        Assert.Equal((HttpStatusCode.BadRequest, "pue.base"), (status, Field(problem)));
        // The rigid job holds 64 of Sichuan's GPUs now: the pool cannot shrink below them, nor the site's limit below its draw.
        (status, problem) = await Call(client, Put, "/fleet/sites/sichuan/pools/h800", "admin", new { count = 1, idle_power_w = 90.0, max_power_w = 700.0 });
        Assert.Equal((HttpStatusCode.Conflict, "count"), (status, Field(problem)));
        // Idle, Sichuan draws at most its idle IT power × the PUE ceiling; the job's 64 busy GPUs add 64 × 610 W × that.
        var sichuan = Scenario.Sites[Scenario.SiteIndex("sichuan")];
        var idleKw = sichuan.IdleItPower.Kilowatts * sichuan.Pue.Ceiling;
        (status, problem) = await Call(client, Patch, "/fleet/sites/sichuan", "admin", new { grid_limit_kw = idleKw + 1 });
        Assert.Equal((HttpStatusCode.Conflict, "grid_limit_kw"), (status, Field(problem)));

        var (_, after) = await Call(client, Get, "/fleet", "read");
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Empty((await Call(client, Get, "/fleet/edits", "read")).Body.EnumerateArray());
        using var store = LiveStore.Open(db);
        Assert.Empty(store.FleetEdits(live.Run));
        live.Advance(Grid.End);
        Assert.Empty(live.Result!.Violations);
        Assert.Empty(live.Scenario.FleetHistory);
    }

    /// <summary>The edits of the restart test, made after step 9 has run: Jiangsu's tariff and limit, a battery at
    /// Sichuan, more GPUs in California, Ningxia's solar doubled.</summary>
    private async Task Edit(HttpClient client)
    {
        var tariff = new
        {
            time_zone = "Asia/Shanghai", currency = "CNY", prices_per_kwh = new { valley = 0.1, peak = 0.9 },
            periods = new[] { new { from = "00:00", to = "12:00", band = "valley" }, new { from = "12:00", to = "24:00", band = "peak" } },
        };
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Put, "/fleet/sites/jiangsu/tariff", "admin", tariff)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Patch, "/fleet/sites/jiangsu", "admin", new { grid_limit_kw = 2500.0, name = "Jiangsu" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Put, "/fleet/sites/sichuan/battery", "admin", new { energy_kwh = 2000.0, power_kw = 500.0, round_trip_efficiency = 0.9, initial_soc = 1.0 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Put, "/fleet/sites/california/pools/h100", "admin", new { gpu_model = "H100", count = 2048, idle_power_w = 80.0, max_power_w = 700.0 })).Status);
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Put, "/fleet/sites/ningxia/plants/solar", "admin", new { capacity_kw = 6000.0 })).Status);
    }

    [Fact]
    public async Task EditsAreRecorded_AndARestartReplaysThemToTheSameRun()
    {
        var db = NewDatabase();
        var (client, live, app) = await Start(db);
        live.Advance(Grid.TimeAt(9));
        await Edit(client);
        live.Advance(Grid.TimeAt(39));
        // Made after the last step recorded before the stop: it holds from step 40, after the restart.
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Patch, "/fleet/sites/pjm", "admin", new { grid_limit_kw = 5000.0 })).Status);
        var run = live.Run;
        await app.StopAsync(TestContext.Current.CancellationToken);
        var (client2, resumed, _) = await Start(db);
        Assert.Equal(Grid.Count - 40, resumed.Advance(Grid.End));
        // (Asked before another database is made: the harness's keys are the latest database's.)
        var (listed, edits) = await Call(client2, Get, "/fleet/edits", "read");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(["tariff", "site.update", "battery", "pool", "plant", "site.update"], edits.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal([10, 10, 10, 10, 10, 40], edits.EnumerateArray().Select(e => e.GetProperty("step").GetInt32()));

        var (client3, whole, _) = await Start(NewDatabase());
        whole.Advance(Grid.TimeAt(9));
        await Edit(client3);
        whole.Advance(Grid.TimeAt(39));
        await Call(client3, Patch, "/fleet/sites/pjm", "admin", new { grid_limit_kw = 5000.0 });
        whole.Advance(Grid.End);

        Assert.True(resumed.ResumedExactly, "the policy did not re-decide the recorded steps as recorded");
        Assert.Empty(resumed.Result!.Violations);
        Assert.Empty(whole.Result!.Violations);
        Assert.Equal(whole.Result.Totals.Emissions.Kilograms, resumed.Result.Totals.Emissions.Kilograms, 6);
        Assert.Equal(whole.Result.Totals.Cost.Amount, resumed.Result.Totals.Cost.Amount, 6);
        Assert.Equal(whole.Result.Commands.Select(c => Tandem.Server.Live.CommandJson.Of(c).Write()), resumed.Result.Commands.Select(c => Tandem.Server.Live.CommandJson.Of(c).Write()));
        Assert.Equal([0, 10, 40], resumed.Scenario.FleetHistory.Select(h => h.FromStep));
        Assert.Equal(5000, resumed.Scenario.Sites[Scenario.SiteIndex("pjm")].GridLimit.Kilowatts);

        // Each edit held from step 10: Jiangsu's grid energy is priced by the old tariff before and the new one after.
        var j = Scenario.SiteIndex("jiangsu");
        var trace = resumed.Result.Sites[j];
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        for (var t = 0; t < Grid.Count; t++)
        {
            var hour = TimeZoneInfo.ConvertTime(Grid.TimeAt(t), shanghai).Hour;
            var expected = t < 10 ? Scenario.Signals.Price(j, t).PerMegawattHour : hour < 12 ? 100 : 900;
            Assert.Equal(expected, resumed.Scenario.Signals.Price(j, t).PerMegawattHour, 9);
        }
        Assert.True(trace.GridKw[10..].Max() > 0);
        var n = Scenario.SiteIndex("ningxia");
        Assert.Equal(Scenario.Signals.Generation(n, 20).Kilowatts * 2, resumed.Scenario.Signals.Generation(n, 20).Kilowatts, 9);
        Assert.Equal(Scenario.Signals.Generation(n, 5).Kilowatts, resumed.Scenario.Signals.Generation(n, 5).Kilowatts, 12);
        Assert.Equal(2048, resumed.Scenario.Sites[Scenario.SiteIndex("california")].Pools[0].Count);

        using var store = LiveStore.Open(db);
        Assert.Equal(6, store.FleetEdits(run).Count);
    }

    [Fact]
    public async Task ARecordedEditThatCannotBeMadeAgain_StopsTheLoop_NamingIt()
    {
        var db = NewDatabase();
        var (client, live, app) = await Start(db);
        live.Advance(Grid.TimeAt(1));
        Assert.Equal(HttpStatusCode.OK, (await Call(client, Put, "/fleet/sites/pjm/pools/h100", "admin", new { count = 2000, idle_power_w = 80.0, max_power_w = 700.0 })).Status);
        live.Advance(Grid.TimeAt(3));
        await app.StopAsync(TestContext.Current.CancellationToken);
        // The record is altered by hand into an edit no fleet takes (a pool of no GPUs).
        var connection = Tandem.Storage.Schema.StoreDatabase.Open(db);
        await using (connection)
        {
            await using var write = connection.CreateCommand();
            write.CommandText = "UPDATE live_fleet_edits SET body_json = '{\"id\":\"h100\",\"count\":0,\"idle_power_w\":80,\"max_power_w\":700}'";
            Assert.Equal(1, await write.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
        var (client2, resumed, _) = await Start(db);
        var e = Assert.Throws<InvalidOperationException>(() => resumed.Advance(Grid.End));
        Assert.Contains("fleet edit 1 (pool at pjm), recorded to hold from step 2, could not be made again", e.Message);
        Assert.StartsWith("InvalidOperationException: fleet edit 1", resumed.Fault);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Call(client2, Get, "/plan", "read")).Status);
    }

    [Fact]
    public async Task AnEditBeforeTheFirstStep_HoldsFromIt_AfterARestartToo()
    {
        var db = NewDatabase();
        var (client, live, app) = await Start(db);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Call(client, Patch, "/fleet/sites/pjm", "admin", new { name = "PJM" })).Status);
        live.Start();
        var (status, edit) = await Call(client, Patch, "/fleet/sites/pjm", "admin", new { name = "PJM", grid_limit_kw = 5000.0 });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, edit.GetProperty("step").GetInt32());
        await app.StopAsync(TestContext.Current.CancellationToken);
        var (_, resumed, _) = await Start(db);
        resumed.Advance(Grid.TimeAt(1));
        var pjm = Scenario.SiteIndex("pjm");
        Assert.Equal(("PJM", 5000.0), (resumed.Scenario.Sites[pjm].Name, resumed.Scenario.FleetAt(0).Sites[pjm].GridLimit.Kilowatts));
        Assert.Single(resumed.Scenario.FleetHistory);
    }
}

/// <summary>The contract on SQLite.</summary>
public sealed class SqliteFleetApiTests : FleetApiContract<SqliteTestDatabase>;

/// <summary>The contract on PostgreSQL (skipped without one unless TANDEM_REQUIRE_POSTGRES=1).</summary>
public sealed class PostgresFleetApiTests : FleetApiContract<PostgresTestDatabase>;
