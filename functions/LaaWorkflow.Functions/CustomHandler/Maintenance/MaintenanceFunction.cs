using System.Globalization;
using LaaWorkflow.Functions.CustomHandler.Payloads;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Functions.CustomHandler.Maintenance;

/// <summary>
/// The maintenance timer (FunctionApp/Maintenance/function.json): releases leases left by dead hosts,
/// then purges instances that finished longer ago than the retention. Leases go first because a stuck
/// lease stops live negotiations, while a late purge only costs storage.
/// </summary>
internal sealed class MaintenanceFunction(
    IServiceProvider services,
    IOptionsMonitor<MaintenanceOptions> options,
    TimeProvider time,
    ILogger<MaintenanceFunction> logger) : NonHttpFunction
{
    /// <summary>The timer binding's name in function.json, and so its key in <c>Data</c>.</summary>
    public const string TimerBinding = "timer";

    public override string Name => FunctionNames.Maintenance;

    public override async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var invocationId = request.InvocationId();
        var timer = TimerTrigger.Read(request, TimerBinding);
        var logs = new List<string>();
        if (timer.IsPastDue)
        {
            Logs.MaintenancePastDue(logger, invocationId, timer.Last);
            logs.Add($"Timer past due; last run {timer.Last?.ToString("o") ?? "unknown"}.");
        }

        var runtime = services.GetService<DurableMaintenance>()
            ?? (services.GetService<DurableTaskClient>() is { } client ? new DurableClientMaintenance(client) : null);
        if (runtime is null)
        {
            Logs.MaintenanceWithoutRuntime(logger, invocationId);
            throw new InvalidOperationException("Maintenance cannot run: no DurableMaintenance is registered, so the durable runtime is not wired into the host.");
        }

        var now = time.GetUtcNow();
        var cutoff = now - options.CurrentValue.FinishedInstanceRetention;
        var released = await runtime.ReleaseExpiredLeasesAsync(now, cancellationToken);
        var purged = await runtime.PurgeFinishedInstancesAsync(cutoff, cancellationToken);

        Logs.MaintenanceDone(logger, invocationId, released?.ToString(CultureInfo.InvariantCulture) ?? "no", purged, cutoff);
        logs.Add(released is int count ? $"Released {count} expired leases." : "Leases expire through the backend's own lease loop; none to release.");
        logs.Add($"Purged {purged} finished instances created before {cutoff:o}.");
        return InvocationResponse.LogsOnly(logs);
    }
}
