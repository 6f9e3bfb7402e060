using LaaWorkflow.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.TaskHub.Tests;

/// <summary>A generic host running the local task hub with the given tasks, on a hub of its own.</summary>
internal sealed class TaskHubHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TaskHubHost(IHost host, string hubName)
    {
        _host = host;
        HubName = hubName;
    }

    public string HubName { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _host.Services;

    public static async Task<TaskHubHost> StartAsync(
        AzuriteFixture azurite, Action<DurableTaskRegistry> tasks, string type = TaskHubStorageOptions.AzureStorageType, IDictionary<string, string?>? settings = null)
    {
        var host = Build(azurite, tasks, type, settings);
        await host.StartAsync();
        return host;
    }

    /// <summary>The host, built but not started: <see cref="StartAsync()"/> starts it.</summary>
    public static TaskHubHost Build(
        AzuriteFixture azurite, Action<DurableTaskRegistry> tasks, string type = TaskHubStorageOptions.AzureStorageType, IDictionary<string, string?>? settings = null)
    {
        var hub = "hub" + Guid.NewGuid().ToString("N")[..12];
        var values = new Dictionary<string, string?>
        {
            ["DurableTask:HubName"] = hub,
            ["DurableTask:StorageProvider:Type"] = type,
            ["DurableTask:StorageProvider:PartitionCount"] = "2",
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddLocalTaskHub(builder.Configuration, azurite.ConnectionString, tasks);
        return new TaskHubHost(builder.Build(), hub);
    }

    public Task StartAsync() => _host.StartAsync();

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
