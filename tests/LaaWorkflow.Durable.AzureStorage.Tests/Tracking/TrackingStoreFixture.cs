using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.AzureStorage.Tracking;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;
using LaaWorkflow.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Tracking;

/// <summary>A tracking store on its own tables, with helpers to build checkpoints.</summary>
internal sealed class TrackingStoreFixture
{
    public static readonly DateTimeOffset T0 = new(2008, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private TrackingStoreFixture(AzureHubStorage storage, TaskHubNames names, AzureTrackingStore store)
    {
        Storage = storage;
        Names = names;
        Store = store;
    }

    public AzureHubStorage Storage { get; }

    public TaskHubNames Names { get; }

    public AzureTrackingStore Store { get; }

    public static async Task<TrackingStoreFixture> CreateAsync(AzuriteFixture azurite)
    {
        var storage = TestHubs.Storage(azurite);
        var names = new TaskHubNames(TestHubs.NewHubName());
        await storage.CreateTableIfNotExistsAsync(names.HistoryTable, default);
        await storage.CreateTableIfNotExistsAsync(names.InstancesTable, default);
        await storage.CreateContainerIfNotExistsAsync(names.LargePayloadContainer, default);
        var store = new AzureTrackingStore(storage, names, new BlobPayloadStore(storage, names.LargePayloadContainer), NullLogger.Instance);
        return new TrackingStoreFixture(storage, names, store);
    }

    public static InstanceRecord Record(string id, OrchestrationRuntimeStatus status, string? output = null) =>
        new(id, "Negotiate")
        {
            ExecutionId = "e1",
            RuntimeStatus = status,
            CreatedAt = T0,
            LastUpdatedAt = T0.AddMinutes(1),
            Input = "\"Sunderland\"",
            Output = output,
        };

    public static Checkpoint First(string id, params HistoryEvent[] events) =>
        new(id, null, false, events, Record(id, OrchestrationRuntimeStatus.Running), []);

    public static HistoryEvent Started(string name = "Negotiate") => new ExecutionStartedEvent(name, "e1", "\"Sunderland\"") { Timestamp = T0 };

    public static TaskMessage Activity(string id, int taskId) =>
        new($"{id}:{taskId}", id, "e1", new TaskScheduledEvent("Invite", "\"police\"") { EventId = taskId, Timestamp = T0 });
}
