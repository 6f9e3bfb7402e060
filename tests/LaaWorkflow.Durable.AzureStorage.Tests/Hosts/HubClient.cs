using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Client;
using LaaWorkflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Hosts;

/// <summary>The test's side of a multi-process test: a client-only backend (it never takes leases) and the record tables.</summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private HubClient(string hub, ServiceProvider services, AzureStorageDurableBackend backend, TableServiceClient tables)
    {
        Hub = hub;
        _services = services;
        Backend = backend;
        Client = services.GetRequiredService<DurableTaskClient>();
        Effects = tables.GetTableClient(hub + "Effects");
        Episodes = tables.GetTableClient(hub + "Episodes");
        Crashes = tables.GetTableClient(hub + "Crashes");
    }

    public string Hub { get; }

    public AzureStorageDurableBackend Backend { get; }

    public DurableTaskClient Client { get; }

    public TableClient Effects { get; }

    public TableClient Episodes { get; }

    public TableClient Crashes { get; }

    public static async Task<HubClient> CreateAsync(AzuriteFixture azurite, int partitions)
    {
        var hub = TestHubs.NewHubName();
        var backend = new AzureStorageDurableBackend(
            new AzureStorageDurableOptions { ConnectionString = azurite.ConnectionString, TaskHubName = hub, PartitionCount = partitions },
            TimeProvider.System);
        await backend.CreateTaskHubAsync();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDurableBackend>(backend);
        services.AddDurableTaskClient();
        var tables = new TableServiceClient(azurite.ConnectionString);
        var client = new HubClient(hub, services.BuildServiceProvider(), backend, tables);
        await client.Effects.CreateIfNotExistsAsync();
        await client.Episodes.CreateIfNotExistsAsync();
        await client.Crashes.CreateIfNotExistsAsync();
        return client;
    }

    public async Task<List<TableEntity>> RowsAsync(TableClient table, string? filter = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
