using Tandem.Cli.Tests.Testing;

namespace Tandem.Cli.Tests;

public class TandemCommandTests
{
    [Fact]
    public async Task Help_NamesTheCommandTandem_NotTheAssembly()
    {
        var (code, stdout, _) = await TandemCli.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("tandem [command] [options]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Tandem.Cli", stdout, StringComparison.Ordinal);

        var (_, forecastHelp, _) = await TandemCli.Run("forecast", "backtest", "--help");
        Assert.Contains("tandem forecast backtest [options]", forecastHelp, StringComparison.Ordinal);
    }
}
