using LaaWorkflow.Durable.Time;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Functions.Hosting;

/// <summary>Runs the virtual clock at <c>Clock:Speed</c> times real time, when a speed is set.</summary>
internal sealed class VirtualClockRunner(VirtualClock clock, IOptions<ClockOptions> options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Speed > 0 ? clock.RunAsync(options.Value.Speed, stoppingToken) : Task.CompletedTask;
}
