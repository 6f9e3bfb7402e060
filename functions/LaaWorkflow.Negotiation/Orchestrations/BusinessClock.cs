using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// An orchestration's view of its negotiation's calendar: reads the engine's replay-safe clock through the pace and
/// sets timers for business instants at the engine instants they map to. Without a pace both calendars are one.
/// </summary>
/// <remarks>
/// The engine's clock inside an episode is the episode's start as the backend recorded it, which can read a little
/// earlier than the timer or event that woke the orchestration (measured up to half a second, a business day at a brisk
/// pace). So the clock never reads earlier than what it has seen: the business instant of a timer that fired, or the
/// time an answer or decision was stamped with. Both are replayed in the same order, so the reading stays deterministic,
/// and nothing is recorded before the instant that caused it.
/// </remarks>
internal sealed class BusinessClock(TaskOrchestrationContext context, Pace? pace)
{
    private DateTime _seen = DateTime.MinValue;

    /// <summary>The business time now, the same on every replay.</summary>
    public DateTime Now
    {
        get
        {
            var engine = pace.BusinessAt(context.CurrentUtcDateTime);
            return engine > _seen ? engine : _seen;
        }
    }

    /// <summary>A durable timer that fires when the calendar reads <paramref name="at"/>; once it has, the clock reads at least that.</summary>
    public async Task Until(DateTime at, CancellationToken cancellationToken)
    {
        await context.CreateTimer(pace.RealAt(at), cancellationToken);
        Saw(at);
    }

    /// <summary>Moves the clock up to a business instant something arrived stamped with (an answer, a decision).</summary>
    public void Saw(DateTime at)
    {
        if (at > _seen)
        {
            _seen = at;
        }
    }
}
