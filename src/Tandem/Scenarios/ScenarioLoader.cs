using System.Text.Json;
using Tandem.Fleet;
using Tandem.Signals;
using Tandem.Formats;
using Tandem.Time;
using Tandem.Units;

namespace Tandem.Scenarios;

/// <summary>Reads a scenario file (docs/scenario.md) and every file it names, checks all of it, and builds a
/// <see cref="Scenario"/>. Every problem found is reported at once in a <see cref="DataFileException"/>, naming the
/// file, the field and, where there is one, the line. Nothing is written.</summary>
public static class ScenarioLoader
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads a scenario file; relative paths in it are relative to the file's folder.</summary>
    public static Scenario Load(string path) => Load(path, null);

    /// <summary>Loads a scenario file whose signals may come from a signal store (a signal written
    /// <c>{ "store": ZONE }</c>): <paramref name="openStore"/> is called once, and only if the scenario names the store,
    /// so a scenario of files alone never opens (or creates) one.</summary>
    public static Scenario Load(string path, Func<ISignalSource>? openStore)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "", 0, "scenario file not found");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataFileException(path, "", 0, $"cannot be read: {e.Message}"); }
        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", path, openStore);
    }

    /// <summary>Parses scenario JSON text; <paramref name="baseDirectory"/> anchors relative file paths.</summary>
    public static Scenario Parse(string json, string baseDirectory, string fileLabel, Func<ISignalSource>? openStore = null)
    {
        var problems = new ProblemList(fileLabel);
        ScenarioDocument? doc;
        try { doc = JsonSerializer.Deserialize<ScenarioDocument>(json, Json); }
        catch (JsonException ex)
        {
            var (field, message) = JsonProblem(ex, typeof(ScenarioDocument), "");
            throw new DataFileException(fileLabel, field, (int)(ex.LineNumber ?? 0) + 1, message);
        }
        if (doc is null) throw new DataFileException(fileLabel, "", 1, "the file holds no scenario");

        var name = problems.RequireText(doc.Name, "name");
        var start = Instant(doc.Start, "start", problems);
        var end = Instant(doc.End, "end", problems);
        var stepMinutes = problems.Require(doc.StepMinutes, "step_minutes");
        if (doc.StepMinutes is { } sm && (!(sm > 0) || sm != Math.Floor(sm) || 1440 % sm != 0))
            problems.Add("step_minutes", $"{sm} must be a whole number of minutes that divides a day (e.g. 5, 15, 60)");
        if (!Currency.TryParse(doc.Currency, out var currency)) problems.Add("currency", $"'{doc.Currency}' is not a three-letter currency code");
        var rates = doc.ExchangeRates ?? [];
        foreach (var (code, rate) in rates)
        {
            if (!Currency.TryParse(code, out _)) problems.Add($"exchange_rates.{code}", "is not a three-letter currency code");
            if (!(rate >= ScenarioLimits.MinExchangeRate && rate <= ScenarioLimits.MaxExchangeRate))
                problems.Add($"exchange_rates.{code}", $"{rate} must lie between {ScenarioLimits.MinExchangeRate:0.######} and {ScenarioLimits.MaxExchangeRate:#,0}");
        }
        TimeGrid? grid = null;
        if (start is { } s && end is { } e && problems.Count == 0)
        {
            var step = TimeSpan.FromMinutes(stepMinutes);
            if (e <= s) problems.Add("end", "must be after start");
            else if ((e - s).TotalDays > ScenarioLimits.MaxDays) problems.Add("end", $"the period is {(e - s).TotalDays:0.##} days; at most {ScenarioLimits.MaxDays:#,0} (ten years)");
            else if ((e - s).Ticks % step.Ticks != 0) problems.Add("end", $"the period is not a whole number of {stepMinutes}-minute steps");
            else if (s.Ticks % step.Ticks != 0) problems.Add("start", $"must fall on a {stepMinutes}-minute boundary");
            else grid = TimeGrid.Covering(s, e, step);
        }
        if (grid is null) throw new DataFileException(problems.Items);
        TimeGrid? history = null;
        if (doc.HistoryDays is { } hd)
        {
            if (hd is < 0 or > 3660) problems.Add("history_days", $"{hd} must lie between 0 and 3660");
            else if (hd > 0) history = new TimeGrid(grid.Start - TimeSpan.FromDays(hd), grid.Step, (int)(TimeSpan.FromDays(hd) / grid.Step));
        }

        var signals = new SignalLoader(baseDirectory, grid, currency, rates, problems) { HistoryGrid = history, OpenStore = openStore };
        var sites = SiteLoader.LoadAll(doc.Sites, signals, problems);
        // The ids the file declares, loaded or not: a site that fails to load (a missing file) is reported once,
        // not again by every job, trace and transfer that names it.
        var siteIds = (doc.Sites ?? []).Select(x => x?.Id).OfType<string>().ToHashSet();
        var workload = new WorkloadLoader(baseDirectory, grid, siteIds, problems);
        var jobs = workload.Jobs(doc.Workload);
        var inference = workload.Inference(doc.Workload?.Inference);
        var transfers = Transfers(doc.Transfers, siteIds, problems);
        if (problems.Count > 0) throw new DataFileException(problems.Items);
        var fleet = sites.Select(x => x.Site).ToArray();
        var regions = inference.Select(x => x.Region).ToArray();
        var source = new ScenarioSignals(grid, fleet, sites.Select(x => x.Signals).ToArray(), regions, inference.Select(x => x.Gpus).ToArray(), history);
        return new Scenario(name, grid, currency, new FleetLayout(fleet, transfers), jobs, regions, source);
    }

    private static List<SiteTransfer> Transfers(List<TransferDocument>? docs, IReadOnlySet<string> siteIds, ProblemList problems)
    {
        var list = new List<SiteTransfer>();
        for (var i = 0; i < (docs?.Count ?? 0); i++)
        {
            var d = docs![i];
            var f = $"transfers[{i}]";
            if (problems.IsNullEntry(d, f, "a transfer { from, to, hours, energy_kwh }")) continue;
            var before = problems.Count;
            if (d.From is null || !siteIds.Contains(d.From)) problems.Add($"{f}.from", $"'{d.From}' is not a site of this scenario");
            if (d.To is null || !siteIds.Contains(d.To)) problems.Add($"{f}.to", $"'{d.To}' is not a site of this scenario");
            if (d.From == d.To) problems.Add($"{f}.to", "a transfer goes to another site");
            if (d.Hours is not { } hours || !(hours >= 0)) problems.Add($"{f}.hours", "is required and must not be negative");
            problems.AtMost(d.Hours, $"{f}.hours", ScenarioLimits.MaxHours, "hours (ten years)");
            if (d.EnergyKwh is { } e && !(e >= 0)) problems.Add($"{f}.energy_kwh", "must not be negative");
            problems.AtMost(d.EnergyKwh, $"{f}.energy_kwh", ScenarioLimits.MaxKilowattHours, "kWh");
            if (list.Any(t => t.From == d.From && t.To == d.To)) problems.Add(f, $"the pair {d.From} → {d.To} is listed twice");
            if (problems.Count == before)
                list.Add(new SiteTransfer(d.From!, d.To!, TimeSpan.FromHours(d.Hours!.Value), Energy.FromKilowattHours(d.EnergyKwh ?? 0)));
        }
        return list;
    }

    internal static DateTimeOffset? Instant(string? text, string field, ProblemList problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add(field, "is required"); return null; }
        if (!Timestamps.TryParseWithOffset(text, out var t))
        {
            problems.Add(field, $"'{text}' is not an ISO-8601 time with an offset (e.g. 2020-06-01T00:00:00Z)");
            return null;
        }
        if (t < ScenarioLimits.Earliest || t >= ScenarioLimits.Latest)
        {
            problems.Add(field, $"{text} must lie in the years {ScenarioLimits.Earliest.Year} to {ScenarioLimits.Latest.Year - 1}");
            return null;
        }
        return t;
    }

    /// <summary>A JSON value of the wrong kind (or an unknown field), named by its scenario path
    /// (sites[0].grid_limit_kw, under <paramref name="prefix"/>) and by the kind of value the field takes, rather than
    /// by a .NET type.</summary>
    public static (string Field, string Message) JsonProblem(JsonException ex, Type document, string prefix)
    {
        var path = (ex.Path ?? "$").TrimStart('$').TrimStart('.');
        var field = prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
        var message = ex.Message.Split(" Path:")[0];
        if (message.StartsWith("The JSON property", StringComparison.Ordinal)) return (field, "is not a field here (see docs/scenario.md)");
        if (!message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)) return (field, message);
        return KindAt(document, path) is { } kind ? (field, $"must be {kind}") : (field, message);
    }

    // The kind of value at a JSON path of a document type: a number, a whole number, text, a list, an object...
    private static string? KindAt(Type type, string path)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(path, @"\['([^']*)'\]|\[(\d+)\]|([^.\[]+)"))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (m.Groups[2].Success)
            {
                if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(List<>)) return null;
                type = type.GetGenericArguments()[0];
                continue;
            }
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Value;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) { type = type.GetGenericArguments()[1]; continue; }
            var property = type.GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == name);
            if (property is null) return null;
            type = property.PropertyType;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(double)) return "a number";
        if (type == typeof(int)) return $"a whole number within ±{int.MaxValue:#,0}";
        if (type == typeof(string)) return "text (in quotes)";
        if (type == typeof(bool)) return "true or false";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)) return "a list [ ... ]";
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return "an object of names and numbers { \"name\": 1.0 }";
        if (type == typeof(JsonElement)) return null;
        return "an object { ... }";
    }
}
