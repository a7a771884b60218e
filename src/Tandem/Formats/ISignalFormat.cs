namespace Tandem.Formats;

/// <summary>A reader for one published file format of time series (grid carbon, prices, weather, plant output).
/// It converts every foreign unit and time stamp at the door.</summary>
public interface ISignalFormat
{
    /// <summary>The name used in scenario files, e.g. electricitymaps.</summary>
    string Name { get; }
    /// <summary>One line on what the format is and which columns it gives.</summary>
    string Description { get; }
    /// <summary>Reads a file. Throws <see cref="DataFileException"/> with every problem found.</summary>
    TimeSeriesTable Read(string path, SignalReadOptions options);
}
