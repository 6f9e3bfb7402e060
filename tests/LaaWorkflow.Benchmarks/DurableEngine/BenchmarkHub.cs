using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation;
using LaaWorkflow.TaskHub;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// One host on the local task hub (DurableTask.AzureStorage on the suite's Azurite) running the benchmark's own
/// orchestrations and the real negotiation orchestrators and activities, with emails counted instead of sent.
/// </summary>
internal sealed class BenchmarkHub : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkHub(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// The settings every figure is measured with: the engine's as host.json chooses them (partitions, concurrency,
    /// control-queue batch and buffer), but for the polling interval, which rehearsals and tests run at 100 ms.
    /// </summary>
    public static Dictionary<string, string?> Settings(string hubName, TimeSpan pollingInterval) => new()
    {
        ["DurableTask:HubName"] = hubName,
        ["DurableTask:StorageProvider:Type"] = TaskHubStorageOptions.AzureStorageType,
        ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = pollingInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Tokens:ActiveKeyId"] = "bench",
        ["Email:Tokens:Keys:bench"] = Convert.ToBase64String(new byte[32]),
        ["Negotiation:TablePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
        ["Rehearsals:Enabled"] = "true",
    };

    /// <summary>
    /// Starts the hub with the suite's settings, each of <paramref name="overrides"/> (<c>DurableTask</c> keys such as
    /// <c>StorageProvider:ControlQueueBufferThreshold=64</c>) on top, and the engine's events counted by
    /// <paramref name="events"/> when given (counting costs some speed, so figures to compare are run without it).
    /// </summary>
    public static async Task<BenchmarkHub> StartAsync(
        string connectionString, TimeSpan pollingInterval, IReadOnlyDictionary<string, string?> overrides, EngineEvents? events)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(Settings("Bench" + Guid.NewGuid().ToString("N")[..8], pollingInterval));
        builder.Configuration.AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create("DurableTask:" + o.Key, o.Value)));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (events is not null)
        {
            builder.Logging.AddProvider(events);
            builder.Logging.AddFilter<EngineEvents>(EngineEvents.Category, LogLevel.Trace);
        }

        var emails = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        builder.Services.AddSingleton(new TableServiceClient(connectionString));
        builder.Services.AddSingleton(new BlobServiceClient(connectionString));
        builder.Services.AddSingleton<IEmailSender>(new CountingSender(emails));
        builder.Services.AddLocalTaskHub(builder.Configuration, connectionString, registry =>
        {
            AddShapes(registry);
            registry.AddNegotiationTasks();
        }, NegotiationServiceCollectionExtensions.DataConverter);
        builder.Services.AddEmail(builder.Configuration);
        builder.Services.AddNegotiation(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkHub(host);
    }

    /// <summary>The benchmark's own orchestrations: the smallest of each shape, so the figures are the engine's.</summary>
    private static void AddShapes(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Noop", (_, n) => n)
        .AddOrchestratorFunc<int, int>("Sequential", async (context, n) =>
        {
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += await context.CallActivityAsync<int>("Noop", 1);
            }

            return sum;
        })
        .AddOrchestratorFunc<int, int>("FanOut", async (context, n) =>
            (await Task.WhenAll(Enumerable.Range(0, n).Select(_ => context.CallActivityAsync<int>("Noop", 1)))).Sum())
        .AddOrchestratorFunc<int, int>("Answers", async (context, n) =>
        {
            for (var i = 0; i < n; i++)
            {
                await context.WaitForExternalEvent<string>("Answer");
            }

            return n;
        })
        .AddOrchestratorFunc<int, int>("Hello", (_, n) => Task.FromResult(n));

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }

    private sealed class CountingSender(ConcurrentDictionary<string, byte> sent) : IEmailSender
    {
        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(sent.TryAdd(message.Key, 0) ? EmailSendResult.Sent : EmailSendResult.AlreadySent);
    }
}
