using Tandem.Signals;

namespace Tandem.Storage.Signals;

/// <summary>A signal source that can be written: SQLite by default, PostgreSQL for servers (later), behind this one
/// interface and the same tests.</summary>
public interface ISignalStore : ISignalSource, IDisposable
{
    /// <summary>Stores every series in one transaction: all of them or, when one is refused
    /// (<see cref="StoreException"/>), none. A stored value is replaced where a series has a value for the same step;
    /// a NaN (no value) never erases one, so importing the same data twice changes nothing. A series of a zone and
    /// kind already held must have the same step, lie on the same grid and (for prices) be in the same currency.</summary>
    void Import(IReadOnlyList<SignalSeries> series);
}
