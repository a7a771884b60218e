namespace Tandem.Actuation;

/// <summary>Where one site's energy in one step came from and went, kWh: the facility load, on-site output used by it,
/// battery discharge to it, on-site output charged into the battery, grid import, and on-site output curtailed.</summary>
public readonly record struct StepDispatch(double FacilityKwh, double OnsiteKwh, double DischargedKwh, double ChargedKwh, double GridKwh, double CurtailedKwh);
