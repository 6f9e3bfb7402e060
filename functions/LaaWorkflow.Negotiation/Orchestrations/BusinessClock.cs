using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// An orchestration's view of its negotiation's calendar: reads the engine's replay-safe clock through the pace and
/// sets timers for business instants at the engine instants they map to. Without a pace both calendars are one.
/// </summary>
internal sealed class BusinessClock(TaskOrchestrationContext context, Pace? pace)
{
    /// <summary>The business time now, the same on every replay.</summary>
    public DateTime Now => pace.BusinessAt(context.CurrentUtcDateTime);

    /// <summary>A durable timer that fires when the calendar reads <paramref name="at"/>.</summary>
    public Task Until(DateTime at, CancellationToken cancellationToken) => context.CreateTimer(pace.RealAt(at), cancellationToken);
}
