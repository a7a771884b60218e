using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tandem.Server.Live;

/// <summary>Runs the live loop on the replay clock: each step when its time comes. On shutdown it stops between steps,
/// so the step under way is finished and recorded before the service exits.</summary>
internal sealed class ReplayDriver(LiveCoordinator live, ReplayClock clock, ILogger<ReplayDriver> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            live.Start();
            clock.Anchor(live.NextStepAt);
        }
        catch (Exception e)
        {
            log.LogError(e, "The live loop of {Run} could not start", live.Run);
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                live.Advance(clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The live loop of {Run} stopped", live.Run);
                return;
            }
            if (live.Finished) return;
            var wait = clock.RealDelayUntil(live.NextStepAt);
            if (wait > TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
            if (wait < TimeSpan.FromMilliseconds(1)) wait = TimeSpan.FromMilliseconds(1);
            try { await Task.Delay(wait, clock.Real, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
