using System.Collections.Concurrent;

namespace LaaWorkflow.Durable.Tests.Replay.Randomised;

/// <summary>
/// Runs a <see cref="RandomProgram"/>: every step's result joins a trace, which is the orchestration's output, so a
/// replay that takes another path or sees other results returns another output.
/// </summary>
internal sealed class RandomProgramOrchestrator : TaskOrchestrator<RandomProgram, string>
{
    public const string Name = "RandomProgram";

    private static readonly RetryPolicy Retry = new(3, TimeSpan.FromMinutes(5));

    public override async Task<string> RunAsync(TaskOrchestrationContext context, RandomProgram input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var trace = $"g{input.Generation}[{await SequenceAsync(context, input, input.Steps)}]";
        if (input.Generation + 1 < input.Generations)
        {
            context.ContinueAsNew(input with { Generation = input.Generation + 1 });
        }

        return trace;
    }

    /// <summary>The activities the programs call.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in new[] { "Invite", "Score", "Notify", "Audit" })
        {
            registry.AddActivityFunc<string, string>(name, (_, input) => $"{name}({input})");
        }

        registry
            .AddActivityFunc<string, string>("Flaky", (_, input) =>
            {
                // Input "key:failures": fails that many times for the key, then succeeds.
                var failures = int.Parse(input[(input.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                var attempt = attempts.AddOrUpdate(input, 1, (_, n) => n + 1);
                return attempt <= failures ? throw new InvalidOperationException($"attempt {attempt} of {input} fails") : $"flaky({attempt})";
            })
            .AddActivityFunc<string, string>("Fail", (_, input) => Task.FromException<string>(new InvalidOperationException($"{input} always fails")))
            .AddOrchestrator(Name, typeof(RandomProgramOrchestrator));
    }

    private static async Task<string> SequenceAsync(TaskOrchestrationContext context, RandomProgram program, IReadOnlyList<ProgramStep> steps)
    {
        var parts = new List<string>(steps.Count);
        foreach (var step in steps)
        {
            parts.Add(await StepAsync(context, program, step));
        }

        return string.Join(",", parts);
    }

    private static async Task<string> StepAsync(TaskOrchestrationContext context, RandomProgram program, ProgramStep step)
    {
        switch (step.Kind)
        {
            case StepKind.Activity:
                return await context.CallActivityAsync<string>(step.Name, $"{step.Id}:{step.Value}");
            case StepKind.RetriedActivity:
                return await context.CallActivityAsync<string>(
                    "Flaky", $"{context.InstanceId}-g{program.Generation}-s{step.Id}:{step.Value}", TaskOptions.FromRetryPolicy(Retry));
            case StepKind.FailingActivity:
                try
                {
                    return await context.CallActivityAsync<string>("Fail", $"s{step.Id}");
                }
                catch (TaskFailedException failure)
                {
                    return $"caught({failure.FailureDetails.ErrorType})";
                }

            case StepKind.Timer:
                await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(step.Value), CancellationToken.None);
                return $"t{step.Id}";
            case StepKind.Event:
                return await context.WaitForExternalEvent<string>(RandomProgram.EventName(program.Generation, step));
            case StepKind.EventOrTimeout:
                return await EventOrTimeoutAsync(context, program, step);
            case StepKind.SubOrchestration:
                return await context.CallSubOrchestratorAsync<string>(
                    Name, new RandomProgram(step.Branches![0]), new SubOrchestrationOptions(RandomProgram.ChildId(context.InstanceId, program.Generation, step)));
            case StepKind.All:
                var all = await Task.WhenAll(step.Branches!.Select(b => SequenceAsync(context, program, b)));
                return $"all({string.Join("|", all)})";
            case StepKind.Any:
                var branches = step.Branches!.Select(b => SequenceAsync(context, program, b)).ToList();
                var first = await Task.WhenAny(branches);
                return $"any{branches.IndexOf(first)}({await first})";
            default:
                throw new InvalidOperationException($"Unknown step {step.Kind}.");
        }
    }

    private static async Task<string> EventOrTimeoutAsync(TaskOrchestrationContext context, RandomProgram program, ProgramStep step)
    {
        using var cancel = new CancellationTokenSource();
        var answer = context.WaitForExternalEvent<string>(RandomProgram.EventName(program.Generation, step), cancel.Token);
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(step.Value), cancel.Token);
        var winner = await Task.WhenAny(answer, timeout);
        cancel.Cancel();
        return winner == answer ? await answer : $"timeout{step.Id}";
    }
}
