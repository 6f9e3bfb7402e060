using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// An orchestration's view of its negotiation's calendar: reads the engine's replay-safe clock through the pace and
/// sets timers for business instants at the engine instants they map to. Without a pace both calendars are one.
/// </summary>
/// <remarks>
/// <para>
/// The clock reads the instant of what moved the orchestration on: the business instant of a timer that fired, or the
/// time an answer, command or decision was stamped with when it arrived. Both are replayed in the same order, so the
/// reading stays deterministic, and nothing is recorded before the instant that caused it.
/// </para>
/// <para>
/// A rehearsal reads only those instants. The engine's own clock lags them by its latency (queue polling, history
/// reads, a busy host: seconds, and at a brisk pace a second is hours of the calendar), so reading it would move a
/// reminder due at 09:00 to the next day when the machine is loaded. A rehearsal's calendar is the timetable and the
/// people acting on it, never the machine's load. A real negotiation reads the later of the engine's clock and those
/// instants: there, the engine's clock is the truth and its lag is seconds.
/// </para>
/// </remarks>
internal sealed class BusinessClock
{
    private readonly TaskOrchestrationContext _context;
    private readonly Pace? _pace;
    private DateTime? _seen;

    /// <param name="context">The orchestration whose clock this is.</param>
    /// <param name="pace">The negotiation's pace; null for a real negotiation.</param>
    /// <param name="startedAt">The business instant that started the orchestration (its creation, or the parent's clock for a sub-orchestration), if known.</param>
    public BusinessClock(TaskOrchestrationContext context, Pace? pace, DateTime? startedAt)
    {
        _context = context;
        _pace = pace;
        if (startedAt is { } at)
        {
            Saw(at);
        }
    }

    /// <summary>The business time now, the same on every replay.</summary>
    public DateTime Now
    {
        get
        {
            if (_pace is not null && _seen is { } seen)
            {
                return seen;
            }

            var engine = _pace.BusinessAt(_context.CurrentUtcDateTime);
            return _seen is { } later && later > engine ? later : engine;
        }
    }

    /// <summary>A durable timer that fires when the calendar reads <paramref name="at"/>; once it has, the clock reads at least that.</summary>
    public async Task Until(DateTime at, CancellationToken cancellationToken)
    {
        await _context.CreateTimer(_pace.RealAt(at), cancellationToken);
        Saw(at);
    }

    /// <summary>
    /// A durable timer for <paramref name="at"/> that leaves the clock where it is: for work running beside the main
    /// flow (the sign-off warnings), which stamps its own instants, so that its firing does not move the main flow's
    /// dates on when both fall due together on a busy engine.
    /// </summary>
    public Task Beside(DateTime at, CancellationToken cancellationToken) => _context.CreateTimer(_pace.RealAt(at), cancellationToken);

    /// <summary>Moves the clock up to a business instant something arrived stamped with (an answer, a command, a decision).</summary>
    public void Saw(DateTime? at)
    {
        if (at is { } instant && (_seen is null || instant > _seen))
        {
            _seen = instant;
        }
    }
}
