using LaaWorkflow.Durable;

namespace LaaWorkflow.Durable.Tests.Replay;

/// <summary>The consultation as it was when <c>Histories/consultation-v1.json</c> was recorded.</summary>
public sealed class ConsultationV1 : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync("SendInvitation", input);
        using var cancel = new CancellationTokenSource();
        var deadline = context.CreateTimer(TimeSpan.FromDays(14), cancel.Token);
        var answer = context.WaitForExternalEvent<string>("Answer");
        if (await Task.WhenAny(answer, deadline) == deadline)
        {
            return "noResponse";
        }

        cancel.Cancel();
        return await context.CallActivityAsync<string>("RecordOutcome", await answer);
    }
}

/// <summary>A compatible refactoring: the same actions in the same order, written differently.</summary>
public sealed class ConsultationV1Refactored : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync(new TaskName("SendInvitation"), input);
        using var cancel = new CancellationTokenSource();
        var deadline = context.CreateTimer(context.CurrentUtcDateTime.AddDays(14), cancel.Token);
        var answer = context.WaitForExternalEvent<string>("answer");
        var winner = await Task.WhenAny(answer, deadline);
        cancel.Cancel();
        return winner == deadline ? "noResponse" : await context.CallActivityAsync<string>("RecordOutcome", await answer);
    }
}

/// <summary>An incompatible change: a reminder is now sent before the invitation.</summary>
public sealed class ConsultationV2 : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync("SendReminder", input);
        await context.CallActivityAsync("SendInvitation", input);
        return await context.WaitForExternalEvent<string>("Answer");
    }
}
