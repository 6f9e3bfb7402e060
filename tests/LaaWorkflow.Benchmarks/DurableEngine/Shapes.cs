using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// The engine's shapes, each timed from the first client call to the last instance's completion as the engine stamped
/// it (the instance's <c>LastUpdatedAt</c>). Not to when <c>WaitForInstanceCompletionAsync</c> returns: over
/// DurableTask.AzureStorage that call polls the instance every 2 s, which would add up to 2 s to every figure.
/// </summary>
internal static class Shapes
{
    private static readonly ParallelOptions s_sixteen = new() { MaxDegreeOfParallelism = 16 };

    public static async Task RunAsync(DurableTaskClient client, string orchestrator, int input)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        await CompletedAtAsync(client, [id]);
    }

    /// <summary>Activities per second through one orchestration (<c>Sequential</c> or <c>FanOut</c>).</summary>
    public static async Task<double> ActivitiesAsync(DurableTaskClient client, string orchestrator, int activities)
    {
        var started = DateTimeOffset.UtcNow;
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, activities);
        return activities / (await CompletedAtAsync(client, [id]) - started).TotalSeconds;
    }

    /// <summary>Starts the instances and waits until all run, then raises every event: events/s until all completed.</summary>
    public static async Task<double> EventsAsync(DurableTaskClient client, string prefix, int instances, int events)
    {
        var ids = Enumerable.Range(0, instances).Select(i => $"{prefix}-{i:D5}").ToArray();
        await Parallel.ForEachAsync(ids, s_sixteen, async (id, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync("Answers", events, new StartOrchestrationOptions(id), ct));
        foreach (var id in ids)
        {
            await client.WaitForInstanceStartAsync(id);
        }

        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, events).SelectMany(e => ids.Select(id => (id, e))),
            s_sixteen,
            async (raise, ct) => await client.RaiseEventAsync(raise.id, "Answer", $"answer {raise.e}", ct));
        return instances * events / (await CompletedAtAsync(client, ids) - started).TotalSeconds;
    }

    /// <summary>Schedules trivial instances and waits for all to complete: starts/s end to end.</summary>
    public static async Task<double> StartsAsync(DurableTaskClient client, string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}").ToArray();
        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(ids, s_sixteen, async (id, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync("Hello", 1, new StartOrchestrationOptions(id), ct));
        return count / (await CompletedAtAsync(client, ids) - started).TotalSeconds;
    }

    /// <summary>Waits for every instance to complete and returns when the last one did.</summary>
    public static async Task<DateTimeOffset> CompletedAtAsync(DurableTaskClient client, IEnumerable<string> ids)
    {
        var last = DateTimeOffset.MinValue;
        foreach (var id in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            }

            last = done.LastUpdatedAt > last ? done.LastUpdatedAt : last;
        }

        return last;
    }
}
