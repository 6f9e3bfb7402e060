namespace LaaWorkflow.Durable.Tests.Replay.Randomised;

/// <summary>What one step of a random orchestration program does.</summary>
internal enum StepKind
{
    /// <summary>Calls an activity by <see cref="ProgramStep.Name"/>.</summary>
    Activity,

    /// <summary>Calls an activity that fails <see cref="ProgramStep.Value"/> times first, under a retry policy.</summary>
    RetriedActivity,

    /// <summary>Calls an activity that always fails, and catches the failure.</summary>
    FailingActivity,

    /// <summary>Waits <see cref="ProgramStep.Value"/> minutes on a durable timer.</summary>
    Timer,

    /// <summary>Waits for an external event.</summary>
    Event,

    /// <summary>Waits for an external event racing a timer of <see cref="ProgramStep.Value"/> minutes.</summary>
    EventOrTimeout,

    /// <summary>Runs the first branch as a sub-orchestration.</summary>
    SubOrchestration,

    /// <summary>Runs every branch at once and waits for all (Task.WhenAll).</summary>
    All,

    /// <summary>Runs every branch at once and takes the first to finish (Task.WhenAny).</summary>
    Any,
}

/// <summary>One step; <see cref="Id"/> is unique in its program and names its events and child instances.</summary>
internal sealed record ProgramStep(StepKind Kind, int Id, int Value = 0, string Name = "", IReadOnlyList<IReadOnlyList<ProgramStep>>? Branches = null);

/// <summary>
/// A random orchestration program: its steps run in sequence; it continues as new until it has run
/// <see cref="Generations"/> times. It is the orchestration's input, so a replay reads the program from history.
/// </summary>
internal sealed record RandomProgram(IReadOnlyList<ProgramStep> Steps, int Generations = 1, int Generation = 0)
{
    public static string EventName(int generation, ProgramStep step) => $"g{generation}-e{step.Id}";

    public static string ChildId(string instanceId, int generation, ProgramStep step) => $"{instanceId}-g{generation}-s{step.Id}";

    /// <summary>Every event this program's instance waits for, and those of its children, as (instance, event) pairs.</summary>
    public IEnumerable<(string InstanceId, string EventName)> Events(string instanceId)
    {
        for (var generation = 0; generation < Generations; generation++)
        {
            foreach (var e in EventsOf(instanceId, generation, Steps))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<(string, string)> EventsOf(string instanceId, int generation, IReadOnlyList<ProgramStep> steps)
    {
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case StepKind.Event or StepKind.EventOrTimeout:
                    yield return (instanceId, EventName(generation, step));
                    break;
                case StepKind.SubOrchestration:
                    foreach (var e in new RandomProgram(step.Branches![0]).Events(ChildId(instanceId, generation, step)))
                    {
                        yield return e;
                    }

                    break;
                case StepKind.All or StepKind.Any:
                    foreach (var e in step.Branches!.SelectMany(b => EventsOf(instanceId, generation, b)))
                    {
                        yield return e;
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
