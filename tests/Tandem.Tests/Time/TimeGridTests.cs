using Tandem.Time;

namespace Tandem.Tests.Time;

public class TimeGridTests
{
    private static readonly DateTimeOffset T0 = new(2020, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Steps_AreHalfOpen()
    {
        var g = new TimeGrid(T0, TimeSpan.FromMinutes(15), 4);
        Assert.Equal(0, g.IndexOf(T0));
        Assert.Equal(0, g.IndexOf(T0.AddMinutes(14.99)));
        Assert.Equal(1, g.IndexOf(T0.AddMinutes(15)));
        Assert.Equal(-1, g.IndexOf(T0.AddHours(1)));
        Assert.Equal(1, g.CeilingIndex(T0.AddMinutes(1)));
        Assert.Equal(1, g.CeilingIndex(T0.AddMinutes(15)));
    }

    [Fact]
    public void NonUtcStart_IsABug()
    {
        Assert.Throws<ArgumentException>(() => new TimeGrid(new DateTimeOffset(2020, 6, 1, 8, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromHours(1), 1));
        Assert.Throws<ArgumentException>(() => TimeGrid.Covering(T0, T0.AddMinutes(50), TimeSpan.FromMinutes(15)));
    }
}
