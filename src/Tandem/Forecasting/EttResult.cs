namespace Tandem.Forecasting;

/// <summary>Test accuracy of one horizon of the ETT protocol, on values z-scored with the training statistics (so
/// without unit): mean squared and mean absolute error over every channel, test window and lead.</summary>
/// <param name="Horizon">Output length, in steps of the file.</param>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Windows">Test windows counted, over all channels.</param>
public sealed record EttResult(int Horizon, double Mse, double Mae, int Windows);
