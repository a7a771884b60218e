using Tandem.Units;

namespace Tandem.Tests.Units;

public class UnitsTests
{
    [Fact]
    public void PowerTimesDuration_IsEnergy()
    {
        var e = Power.FromKilowatts(250) * TimeSpan.FromMinutes(15);
        Assert.Equal(62.5, e.KilowattHours, 12);
        Assert.Equal(Power.FromKilowatts(250), e / TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void EnergyTimesIntensity_IsEmissions_AndTimesPrice_IsMoney()
    {
        var e = Energy.FromMegawattHours(2);
        Assert.Equal(1_140_600, (e * CarbonIntensity.FromKilogramsPerKilowattHour(0.5703)).Grams, 6);
        var cost = e * EnergyPrice.PerKwh(0.64, Currency.Cny);
        Assert.Equal(1280, cost.Amount, 9);
        Assert.Equal(Currency.Cny, cost.Currency);
    }

    [Fact]
    public void WattTimePounds_ConvertWithTheExactAvoirdupoisFactor()
    {
        // 1 lb = 0.45359237 kg exactly (International Yard and Pound Agreement, 1959); 1000 lb/MWh = 453.59237 g/kWh.
        Assert.Equal(453.59237, CarbonIntensity.FromPoundsPerMegawattHour(1000).GramsPerKilowattHour, 9);
    }

    [Fact]
    public void NaNAndInfinity_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Power.FromKilowatts(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Energy.FromKilowattHours(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => CarbonIntensity.FromGramsPerKilowattHour(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fraction.Of(1.01));
    }

    [Fact]
    public void MoneyOfDifferentCurrencies_DoesNotAdd()
    {
        Assert.Throws<InvalidOperationException>(() => Money.Of(1, Currency.Cny) + Money.Of(1, Currency.Usd));
        Assert.Equal(3, (Money.Of(1, Currency.Cny) + Money.Of(2, Currency.Cny)).Amount);
    }

    [Theory]
    [InlineData("CNY", true)]
    [InlineData("usd", false)]
    [InlineData("EURO", false)]
    public void Currency_IsThreeUpperCaseLetters(string code, bool ok) => Assert.Equal(ok, Currency.TryParse(code, out _));
}
