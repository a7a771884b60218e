namespace Tandem.Tests.Testing;

/// <summary>Finds the public data sets in ../shared/data beside the repository. A test that needs them skips itself,
/// saying so, when the folder is absent, and fails instead when TANDEM_REQUIRE_SHARED_DATA=1 (as in CI).</summary>
public static class SharedData
{
    /// <summary>The data folder, or null when absent.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>The path of a file under the data folder; skips or fails the test when the folder is absent.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(RequireFolder(), relative);
        Assert.True(System.IO.File.Exists(path), $"expected data file {path}");
        return path;
    }

    /// <summary>The data folder; skips the test when it is absent, or fails it when TANDEM_REQUIRE_SHARED_DATA=1.</summary>
    public static string RequireFolder()
    {
        if (Folder is null)
        {
            if (Environment.GetEnvironmentVariable("TANDEM_REQUIRE_SHARED_DATA") == "1")
                Assert.Fail("TANDEM_REQUIRE_SHARED_DATA=1 but ../shared/data was not found beside the repository.");
            Assert.Skip("../shared/data is not present beside the repository; this test reads real public data from it.");
        }
        return Folder!;
    }

    /// <summary>The repository root (the folder holding Tandem.slnx).</summary>
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "Tandem.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Tandem.slnx not found above the test binaries.");
    }

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("TANDEM_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        try
        {
            var candidate = Path.GetFullPath(Path.Combine(RepoRoot(), "..", "shared", "data"));
            return Directory.Exists(candidate) ? candidate : null;
        }
        catch (InvalidOperationException) { return null; }
    }
}
