using System.Text.Json;

namespace Tandem.Formats;

/// <summary>An Open-Meteo archive response (JSON, plain or .gz): hourly arrays labelled at the fixed offset
/// utc_offset_seconds. Converted to UTC by undoing that offset; °C stay °C, % become fractions, km/h become m/s.</summary>
public sealed class OpenMeteoFormat : ISignalFormat
{
    /// <inheritdoc />
    public string Name => "open-meteo";
    /// <inheritdoc />
    public string Description => "Open-Meteo hourly JSON: temperature_c, relative_humidity_fraction, cloud_cover_fraction, wind_speed_m_per_s (and any other hourly array, by its name)";

    /// <inheritdoc />
    public TimeSeriesTable Read(string path, SignalReadOptions options)
    {
        using var reader = CsvFile.OpenText(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(reader.ReadToEnd()); }
        catch (JsonException e) { throw new DataFileException(path, "", (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            // Open-Meteo steps its hourly arrays evenly in UTC and labels them at one fixed offset, utc_offset_seconds
            // (24 entries every day, even across daylight-saving changes), so that offset is the one to undo.
            if (!root.TryGetProperty("utc_offset_seconds", out var off) || off.ValueKind != JsonValueKind.Number)
                throw new DataFileException(path, "utc_offset_seconds", 0, "missing; the hourly times carry no offset without it");
            var offset = TimeSpan.FromSeconds(off.GetDouble());
            if (!root.TryGetProperty("hourly", out var hourly) || !hourly.TryGetProperty("time", out var timeArr))
                throw new DataFileException(path, "hourly.time", 0, "missing");
            var stamps = timeArr.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
            var times = new DateTimeOffset[stamps.Length];
            var problems = new List<DataProblem>();
            for (var i = 0; i < stamps.Length; i++)
            {
                if (DateTime.TryParseExact(stamps[i], "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local))
                    times[i] = new DateTimeOffset(local, offset).ToUniversalTime();
                else if (problems.Count < 20) problems.Add(new DataProblem(path, $"hourly.time[{i}]", 0, $"cannot read '{stamps[i]}'"));
            }
            if (problems.Count > 0) throw new DataFileException(problems);
            var cols = new Dictionary<string, double[]>();
            foreach (var prop in hourly.EnumerateObject())
            {
                if (prop.Name == "time") continue;
                var (name, convert) = prop.Name switch
                {
                    "temperature_2m" => ("temperature_c", (Func<double, double>)(v => v)),
                    "relative_humidity_2m" => ("relative_humidity_fraction", v => v / 100),
                    "cloudcover" or "cloud_cover" => ("cloud_cover_fraction", v => v / 100),
                    "windspeed_10m" or "wind_speed_10m" => ("wind_speed_m_per_s", v => v / 3.6),
                    _ => (prop.Name, v => v),
                };
                var values = prop.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? convert(e.GetDouble()) : double.NaN).ToArray();
                if (values.Length != times.Length) throw new DataFileException(path, $"hourly.{prop.Name}", 0, $"has {values.Length} values for {times.Length} times");
                cols[name] = values;
            }
            return new TimeSeriesTable(path, times, new int[times.Length], cols, null);
        }
    }
}
