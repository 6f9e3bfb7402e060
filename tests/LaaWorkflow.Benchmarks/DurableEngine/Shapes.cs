using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>The engine's shapes, each timed from the first client call to the last instance completed.</summary>
internal static class Shapes
{
    private static readonly ParallelOptions s_sixteen = new() { MaxDegreeOfParallelism = 16 };

    public static async Task RunAsync(DurableTaskClient client, string orchestrator, int input)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        var done = await client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        }
    }

    /// <summary>Activities per second through one orchestration (<c>Sequential</c> or <c>FanOut</c>).</summary>
    public static async Task<double> ActivitiesAsync(DurableTaskClient client, string orchestrator, int activities)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync(client, orchestrator, activities);
        return activities / watch.Elapsed.TotalSeconds;
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

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, events).SelectMany(e => ids.Select(id => (id, e))),
            s_sixteen,
            async (raise, ct) => await client.RaiseEventAsync(raise.id, "Answer", $"answer {raise.e}", ct));
        await CompletedAsync(client, ids);
        return instances * events / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Schedules trivial instances and waits for all to complete: starts/s end to end.</summary>
    public static async Task<double> StartsAsync(DurableTaskClient client, string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}").ToArray();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, s_sixteen, async (id, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync("Hello", 1, new StartOrchestrationOptions(id), ct));
        await CompletedAsync(client, ids);
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task CompletedAsync(DurableTaskClient client, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            var done = await client.WaitForInstanceCompletionAsync(id);
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            }
        }
    }
}
