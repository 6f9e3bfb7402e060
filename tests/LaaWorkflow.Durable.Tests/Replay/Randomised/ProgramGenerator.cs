namespace LaaWorkflow.Durable.Tests.Replay.Randomised;

/// <summary>Random programs and their mutations, from a seed.</summary>
internal sealed class ProgramGenerator(int seed)
{
    private static readonly string[] ActivityNames = ["Invite", "Score", "Notify"];
    private readonly Random _random = new(seed);
    private int _nextId;

    public RandomProgram Next()
    {
        _nextId = 0;
        var generations = _random.Next(10) < 3 ? _random.Next(2, 4) : 1;
        return new RandomProgram(Sequence(depth: 0, allowChildren: true, min: 2, max: 7), generations);
    }

    /// <summary>
    /// The program changed in a way replay must notice: an activity added, one renamed, or a step that schedules
    /// work removed, each at the top level (which always runs).
    /// </summary>
    public RandomProgram Mutate(RandomProgram program)
    {
        var steps = program.Steps.ToList();
        var renamable = steps.Select((s, i) => (s, i)).Where(x => x.s.Kind == StepKind.Activity).Select(x => x.i).ToList();
        var removable = steps.Select((s, i) => (s, i)).Where(x => SchedulesWork(x.s)).Select(x => x.i).ToList();
        switch (_random.Next(3))
        {
            case 0 when renamable.Count > 0:
                var at = renamable[_random.Next(renamable.Count)];
                steps[at] = steps[at] with { Name = steps[at].Name + "V2" };
                break;
            case 1 when removable.Count > 0 && steps.Count > 1:
                steps.RemoveAt(removable[_random.Next(removable.Count)]);
                break;
            default:
                steps.Insert(_random.Next(steps.Count + 1), new ProgramStep(StepKind.Activity, 1000, 7, "Audit"));
                break;
        }

        return program with { Steps = steps };
    }

    private static bool SchedulesWork(ProgramStep step) => step.Kind is not (StepKind.Event or StepKind.All or StepKind.Any);

    private List<ProgramStep> Sequence(int depth, bool allowChildren, int min, int max)
    {
        var count = _random.Next(min, max + 1);
        return [.. Enumerable.Range(0, count).Select(_ => Step(depth, allowChildren))];
    }

    private ProgramStep Step(int depth, bool allowChildren)
    {
        var id = _nextId++;
        var roll = _random.Next(depth >= 2 ? 7 : 10);
        return roll switch
        {
            0 or 1 => new ProgramStep(StepKind.Activity, id, _random.Next(100), ActivityNames[_random.Next(ActivityNames.Length)]),
            2 => new ProgramStep(StepKind.RetriedActivity, id, _random.Next(3)),
            3 => new ProgramStep(StepKind.FailingActivity, id),
            4 => new ProgramStep(StepKind.Timer, id, _random.Next(1, 48) * 30),
            5 => new ProgramStep(StepKind.Event, id),
            6 => new ProgramStep(StepKind.EventOrTimeout, id, _random.Next(1, 96) * 60),
            7 when allowChildren => new ProgramStep(StepKind.SubOrchestration, id, Branches: [Sequence(depth + 1, allowChildren, 1, 4)]),
            8 => new ProgramStep(StepKind.All, id, Branches: Branches(depth, allowChildren)),

            // A child in a branch that may lose the race could never start, and events raised to it would wait forever.
            _ => new ProgramStep(StepKind.Any, id, Branches: Branches(depth, allowChildren: false)),
        };
    }

    private List<IReadOnlyList<ProgramStep>> Branches(int depth, bool allowChildren) =>
        [.. Enumerable.Range(0, _random.Next(2, 4)).Select(_ => (IReadOnlyList<ProgramStep>)Sequence(depth + 1, allowChildren, 1, 3))];
}
