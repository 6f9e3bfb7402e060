using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Diagnostics;

/// <summary>
/// Process-wide counts of the work this process's durable worker did: committed orchestration episodes, activities run,
/// and the messages those episodes consumed by kind. Counted after the commit or the result send, so an episode that
/// lost a conflict or an activity that failed is not counted.
/// </summary>
public static class DurableCounts
{
    private static long s_episodes;
    private static long s_activities;
    private static long s_timersFired;
    private static long s_eventsRaised;
    private static long s_started;
    private static long s_finished;

    /// <summary>Every count so far, by name.</summary>
    public static IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["episodes"] = Interlocked.Read(ref s_episodes),
        ["activities"] = Interlocked.Read(ref s_activities),
        ["timersFired"] = Interlocked.Read(ref s_timersFired),
        ["eventsRaised"] = Interlocked.Read(ref s_eventsRaised),
        ["orchestrationsStarted"] = Interlocked.Read(ref s_started),
        ["orchestrationsFinished"] = Interlocked.Read(ref s_finished),
    };

    internal static void EpisodeCommitted(IEnumerable<Backend.TaskMessage> consumed, bool finished)
    {
        Interlocked.Increment(ref s_episodes);
        foreach (var message in consumed)
        {
            switch (message.Event)
            {
                case TimerFiredEvent:
                    Interlocked.Increment(ref s_timersFired);
                    break;
                case EventRaisedEvent:
                    Interlocked.Increment(ref s_eventsRaised);
                    break;
                case ExecutionStartedEvent:
                    Interlocked.Increment(ref s_started);
                    break;
                default:
                    break;
            }
        }

        if (finished)
        {
            Interlocked.Increment(ref s_finished);
        }
    }

    internal static void ActivityCompleted() => Interlocked.Increment(ref s_activities);
}
