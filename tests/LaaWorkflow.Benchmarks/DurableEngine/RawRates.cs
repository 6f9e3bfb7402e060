using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// The storage baseline: Azurite's rate for one entity insert, and one queue send, at a time, through the plain
/// storage clients (no engine): the unit each engine step is made of.
/// </summary>
internal static class RawRates
{
    private const int Count = 200;

    public static async Task<(double Inserts, double Sends)> MeasureAsync(string connectionString, int run)
    {
        var table = new TableClient(connectionString, $"rawinserts{run}");
        await table.CreateIfNotExistsAsync();
        var queue = new QueueClient(connectionString, $"rawsends{run}");
        await queue.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("warm", "up"));
        await queue.SendMessageAsync("warm-up");

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Count; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString("D6", CultureInfo.InvariantCulture)) { ["Value"] = "x" });
        }

        var inserts = Count / watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (var i = 0; i < Count; i++)
        {
            await queue.SendMessageAsync("message " + i);
        }

        return (inserts, Count / watch.Elapsed.TotalSeconds);
    }
}
