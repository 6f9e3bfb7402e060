using LaaWorkflow.Web.Maintenance;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Functions.Maintenance;

/// <summary>The maintenance timer: every five minutes, purges instances that finished longer ago than the retention.</summary>
public static class MaintenanceFunction
{
    /// <summary>NCRONTAB, seconds first: at the top of every fifth minute.</summary>
    public const string Schedule = "0 */5 * * * *";

    [Function("Maintenance")]
    public static async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        var job = context.InstanceServices.GetRequiredService<MaintenanceJob>();
        var report = await job.RunAsync(new DurableClientMaintenance(client), timer.IsPastDue, timer.ScheduleStatus?.Last, context.CancellationToken);
        var logger = context.GetLogger(nameof(MaintenanceFunction));
        foreach (var line in report)
        {
            logger.LogInformation("{Report}", line);
        }
    }
}
