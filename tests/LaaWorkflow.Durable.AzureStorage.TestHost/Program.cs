using System.Globalization;
using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable;
using LaaWorkflow.Durable.AzureStorage;
using LaaWorkflow.Durable.AzureStorage.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// A worker host for the crash-safety and two-host tests. Settings come from the environment:
//   LAA_CONNECTION, LAA_HUB, LAA_WORKER (lease owner name), LAA_CRASH (point:n, optional), LAA_RUN (crash record id),
//   LAA_VISIBILITY_SECONDS, LAA_LEASE_SECONDS, LAA_MAX_SECONDS (a backstop: the host exits by itself after this).
var connection = Required("LAA_CONNECTION");
var hub = Required("LAA_HUB");
var worker = Required("LAA_WORKER");
var tables = new TableServiceClient(connection);
var effects = tables.GetTableClient(hub + "Effects");
var episodes = tables.GetTableClient(hub + "Episodes");
var crashes = tables.GetTableClient(hub + "Crashes");
var crash = new CrashPoints(Environment.GetEnvironmentVariable("LAA_CRASH"), crashes, Environment.GetEnvironmentVariable("LAA_RUN") ?? worker);

var services = new ServiceCollection();
services.AddSingleton(TimeProvider.System);
services.AddDurableTaskWorker(b => b
    .AddTasks(r => Workload.Register(r, effects, crash))
    .Configure(o => o.MaxConcurrentActivities = 8)
    .UseBackend(sp => new InstrumentedBackend(
        new AzureStorageDurableBackend(
            new AzureStorageDurableOptions
            {
                ConnectionString = connection,
                TaskHubName = hub,
                WorkerId = worker,
                MessageVisibilityTimeout = TimeSpan.FromSeconds(Seconds("LAA_VISIBILITY_SECONDS", 3)),
                LeasePeriod = TimeSpan.FromSeconds(Seconds("LAA_LEASE_SECONDS", 6)),
                MaxPollingInterval = TimeSpan.FromMilliseconds(200),
            },
            TimeProvider.System),
        crash,
        episodes,
        worker)));
await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

Console.Out.WriteLine($"worker {worker} started");
Console.Out.Flush();

// The test kills this process; the backstop only keeps a forgotten host from running forever.
await Task.Delay(TimeSpan.FromSeconds(Seconds("LAA_MAX_SECONDS", 300)));
foreach (var service in hosted)
{
    await service.StopAsync(CancellationToken.None);
}

return 0;

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"The environment variable {name} is required.");

static int Seconds(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
