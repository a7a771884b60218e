using System.IO.Compression;
using Tandem.Formats;
using Tandem.Tests.Testing;

namespace Tandem.Tests.Formats;

/// <summary>The reader edge: every way a data file can be unreadable is a <see cref="DataFileException"/> that names
/// the file and says what is wrong, never a bare IO or compression exception.</summary>
public class CsvFileTests
{
    private const string Csv = "timestamp,power_kw\n2021-01-01T00:00:00Z,1\n2021-01-01T01:00:00Z,2\n2021-01-01T02:00:00Z,3\n";

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.SmallestSize)) gz.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return buffer.ToArray();
    }

    private static string WriteBytes(TempFolder dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DataProblem OnlyProblem(string path)
    {
        var e = Assert.Throws<DataFileException>(() => CsvFile.Read(path));
        return Assert.Single(e.Problems);
    }

    [Fact]
    public void ACorruptGzipFile_IsADataFileException_NamingTheFile()
    {
        using var dir = new TempFolder();
        var bytes = Gzip(string.Concat(Enumerable.Repeat(Csv, 200)));
        for (var i = 20; i < 40; i++) bytes[i] ^= 0xff;
        var path = WriteBytes(dir, "bad.csv.gz", bytes);
        var p = OnlyProblem(path);
        Assert.Equal(path, p.File);
        Assert.Contains("not a readable gzip file", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(0.5)]
    public void AGzipFileCutShort_IsNoticed_ThoughGZipStreamItselfStopsQuietly(double keptFraction)
    {
        using var dir = new TempFolder();
        var bytes = Gzip(string.Concat(Enumerable.Repeat(Csv, 2000)));
        var kept = keptFraction >= 1 ? (int)keptFraction : (int)(bytes.Length * keptFraction);
        var path = WriteBytes(dir, "cut.csv.gz", bytes[..kept]);
        var p = OnlyProblem(path);
        Assert.Equal(path, p.File);
        Assert.Contains("corrupt or cut short", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileNamedGz_ThatIsNotGzip_SaysSo()
    {
        using var dir = new TempFolder();
        var path = dir.Write("plain.csv.gz", Csv);
        Assert.Equal("is named .gz but is not gzip-compressed", OnlyProblem(path).Message);
    }

    [Fact]
    public void AFolderOrAMissingFile_SaysWhich()
    {
        using var dir = new TempFolder();
        Assert.Equal("is a folder, not a file", OnlyProblem(dir.Path).Message);
        Assert.Equal("file not found", OnlyProblem(Path.Combine(dir.Path, "nope.csv")).Message);
    }

    [Fact]
    public void ATruncatedCsv_NamesTheLineCutShort()
    {
        using var dir = new TempFolder();
        var path = dir.Write("cut.csv", Csv[..^3]);
        var p = OnlyProblem(path);
        Assert.Equal(4, p.Line);
        Assert.Contains("has 1 fields, the header has 2", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipIsRecognisedByItsContent_AndFilesOfSeveralMembersRead()
    {
        using var dir = new TempFolder();
        var unnamed = WriteBytes(dir, "data.csv", Gzip(Csv));
        Assert.Equal(3, CsvFile.Read(unnamed).Rows.Count);
        // Two gzip members one after the other (cat a.gz b.gz): the trailer holds only the second's length.
        var rows = "2021-01-01T03:00:00Z,4\n";
        var multi = WriteBytes(dir, "multi.csv.gz", [.. Gzip(Csv), .. Gzip(rows)]);
        Assert.Equal(4, CsvFile.Read(multi).Rows.Count);
    }
}
