using System.Text;

namespace Tandem.Formats;

/// <summary>Reads comma-separated text, plain or gzip-compressed, with RFC 4180 quoting. Yields
/// each record with its 1-based line number. Header names are trimmed (some published files pad them).</summary>
public sealed class CsvFile
{
    private CsvFile(string path, string[] header, List<(int Line, string[] Fields)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
    }

    /// <summary>The path read.</summary>
    public string Path { get; }
    /// <summary>Header names, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }
    /// <summary>Data records with their line numbers.</summary>
    public IReadOnlyList<(int Line, string[] Fields)> Rows { get; }

    /// <summary>Opens a file as text, decompressing it if it is gzip (by its first bytes; a file named .gz must be).
    /// Every way this can fail is a <see cref="DataFileException"/> naming the file: missing, a folder, not readable,
    /// and, while reading, corrupt or cut short.</summary>
    public static TextReader OpenText(string path)
    {
        if (Directory.Exists(path)) throw new DataFileException(path, "", 0, "is a folder, not a file");
        if (!File.Exists(path)) throw new DataFileException(path, "", 0, "file not found");
        FileStream file;
        try { file = File.OpenRead(path); }
        catch (UnauthorizedAccessException) { throw new DataFileException(path, "", 0, "cannot be opened: permission denied"); }
        catch (IOException e) { throw new DataFileException(path, "", 0, $"cannot be opened: {e.Message}"); }
        bool gzip;
        try { gzip = GzipInput.IsGzip(file); }
        catch (IOException e)
        {
            file.Dispose();
            throw new DataFileException(path, "", 0, $"cannot be read: {e.Message}");
        }
        if (!gzip && path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            file.Dispose();
            throw new DataFileException(path, "", 0, "is named .gz but is not gzip-compressed");
        }
        Stream s = gzip ? new GzipInput(file) : file;
        return new DataFileText(path, new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), gzip);
    }

    /// <summary>Reads the whole file. An empty file, or a record with a different number of fields than the header,
    /// is a <see cref="DataFileException"/> naming the line.</summary>
    public static CsvFile Read(string path)
    {
        using var reader = OpenText(path);
        var headerLine = reader.ReadLine() ?? throw new DataFileException(path, "", 1, "file is empty");
        var header = Split(headerLine).Select(h => h.Trim()).ToArray();
        var rows = new List<(int, string[])>();
        var problems = new List<DataProblem>();
        var lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var fields = Split(line);
            if (fields.Length != header.Length)
            {
                problems.Add(new DataProblem(path, "", lineNo, $"has {fields.Length} fields, the header has {header.Length}"));
                if (problems.Count >= 20) break;
                continue;
            }
            rows.Add((lineNo, fields));
        }
        if (problems.Count > 0) throw new DataFileException(problems);
        return new CsvFile(path, header, rows);
    }

    /// <summary>Index of a header, or -1.</summary>
    public int Column(string name) => Array.IndexOf((string[])Header, name);

    /// <summary>Index of a header that must exist; else a <see cref="DataFileException"/> naming it.</summary>
    public int RequireColumn(string name)
    {
        var i = Column(name);
        return i >= 0 ? i : throw new DataFileException(Path, name, 1, $"column is missing (found: {string.Join(", ", Header)})");
    }

    /// <summary>Splits one CSV record.</summary>
    public static string[] Split(string line)
    {
        if (!line.Contains('"')) return line.Split(',');
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields.ToArray();
    }
}
