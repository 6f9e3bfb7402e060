using Microsoft.Extensions.Options;

namespace LaaWorkflow.Web.Maintenance;

/// <summary>
/// The maintenance timer's work: purges instances that finished longer ago than the retention. The Functions app's
/// timer function runs it every five minutes; an agreement's audit trail is its history, so the retention is long.
/// </summary>
internal sealed partial class MaintenanceJob(IOptionsMonitor<MaintenanceOptions> options, TimeProvider time, ILogger<MaintenanceJob> logger)
{
    /// <summary>Runs once.</summary>
    /// <param name="runtime">The engine's housekeeping, through the durable client the invocation was given.</param>
    /// <param name="isPastDue">The timer fired late (the app was down or scaled to zero through its schedule).</param>
    /// <param name="lastRun">When the timer last ran, if the platform knows.</param>
    /// <param name="cancellationToken">Stops the purge when the host shuts down.</param>
    /// <returns>What was done, in sentences for the invocation's log.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(
        DurableMaintenance runtime, bool isPastDue, DateTimeOffset? lastRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var report = new List<string>();
        if (isPastDue)
        {
            LogPastDue(logger, lastRun);
            report.Add($"Timer past due; last run {lastRun?.ToString("o") ?? "unknown"}.");
        }

        var cutoff = time.GetUtcNow() - options.CurrentValue.FinishedInstanceRetention;
        var purged = await runtime.PurgeFinishedInstancesAsync(cutoff, cancellationToken);

        LogDone(logger, purged, cutoff);
        report.Add($"Purged {purged} finished instances created before {cutoff:o}.");
        return report;
    }

    [LoggerMessage(8010, LogLevel.Information, "Maintenance purged {Purged} finished instances created before {Cutoff:o}")]
    private static partial void LogDone(ILogger logger, int purged, DateTimeOffset cutoff);

    [LoggerMessage(8011, LogLevel.Warning, "The maintenance timer is past due (last run {Last:o})")]
    private static partial void LogPastDue(ILogger logger, DateTimeOffset? last);
}
