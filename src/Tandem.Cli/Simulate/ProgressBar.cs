namespace Tandem.Cli.Simulate;

/// <summary>Shows a run's progress on standard error: a bar redrawn in place on a terminal, or a plain line every
/// 10 % when the output is redirected (a log keeps every line).</summary>
internal sealed class ProgressBar(TextWriter error, string label) : IProgress<double>, IDisposable
{
    private int _lastTenth = -1;
    private int _lastWidth = -1;
    private bool _done;

    public void Report(double value)
    {
        if (_done) return;
        if (Console.IsErrorRedirected || error != Console.Error)
        {
            var tenth = (int)Math.Floor(value * 10);
            if (tenth == _lastTenth) return;
            _lastTenth = tenth;
            error.WriteLine($"{label}: {tenth * 10}%");
            return;
        }
        var width = (int)Math.Round(value * 30);
        if (width == _lastWidth) return;
        _lastWidth = width;
        error.Write($"\r{label,-12} [{new string('#', width)}{new string('.', 30 - width)}] {value * 100,5:0.0}%");
        if (value >= 1) error.WriteLine();
    }

    public void Dispose() => _done = true;
}
