using Tandem.Tests.Testing;

namespace Tandem.Cli.Tests.Testing;

/// <summary>Runs the `tandem` command in process, capturing what it writes.</summary>
internal static class TandemCli
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await TandemCommand.RunAsync(args, o, e, new FakeClock(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero)), TestContext.Current.CancellationToken);
        return (code, o.ToString(), e.ToString());
    }
}
