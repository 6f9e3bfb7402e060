using LaaWorkflow.Durable.AzureStorage.Hub;
using LaaWorkflow.Durable.AzureStorage.Partitions;
using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.AzureStorage.Timers;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Messaging;

/// <summary>
/// Routes messages: activities to the work-item queue, messages due later (timers, scheduled starts) to the timers
/// table, everything else to the control queue of the target instance's partition.
/// </summary>
internal sealed class AzureMessageSender : IMessageSender
{
    private readonly HubStorage _storage;
    private readonly TaskHubNames _names;
    private readonly MessageCodec _codec;
    private readonly TimerStore _timers;
    private readonly TimeProvider _clock;
    private readonly Func<CancellationToken, Task<int>> _partitionCount;
    private readonly int _parallelism;

    public AzureMessageSender(
        HubStorage storage, TaskHubNames names, MessageCodec codec, TimerStore timers, TimeProvider clock, Func<CancellationToken, Task<int>> partitionCount, int parallelism)
    {
        _storage = storage;
        _names = names;
        _codec = codec;
        _timers = timers;
        _clock = clock;
        _partitionCount = partitionCount;
        _parallelism = parallelism;
    }

    /// <summary>Wakes this host's receivers of the queues it sends to.</summary>
    public QueuePokes Pokes { get; } = new();

    /// <summary>Raised after a timer row is written, so the local timer pump can re-arm without waiting for its next scan.</summary>
    public event Action<int, DateTimeOffset>? TimerScheduled;

    /// <summary>
    /// Timers wait in a table, not in queue visibility, so nothing here is bound by the queues' 7 days; the engine
    /// still chains at this bound, which keeps every stored timer within one week of its predecessor.
    /// </summary>
    public TimeSpan MaxMessageDelay { get; } = TimeSpan.FromDays(6);

    public async Task SendAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 1)
        {
            await SendOneAsync(messages[0], cancellationToken);
            return;
        }

        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken },
            async (message, ct) => await SendOneAsync(message, ct));
    }

    private async Task SendOneAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        if (message.IsActivity)
        {
            var text = await _codec.EncodeAsync(message, PayloadSpill.MaxInlineMessageChars, cancellationToken);
            await _storage.SendMessageAsync(_names.WorkItemQueue, text, null, cancellationToken);
            Pokes.Poke(_names.WorkItemQueue);
            return;
        }

        var partition = PartitionHash.PartitionOf(message.InstanceId, await _partitionCount(cancellationToken));
        if (message.VisibleAt is { } due && due > _clock.GetUtcNow())
        {
            // A timer row keeps the message in one table property, which holds less than a queue message.
            var row = await _codec.EncodeAsync(message, PayloadSpill.MaxInlinePropertyChars, cancellationToken);
            await _timers.AddAsync(partition, due, message.InstanceId, message.MessageId, row, cancellationToken);
            TimerScheduled?.Invoke(partition, due);
            return;
        }

        var control = await _codec.EncodeAsync(message, PayloadSpill.MaxInlineMessageChars, cancellationToken);
        await _storage.SendMessageAsync(_names.ControlQueue(partition), control, null, cancellationToken);
        Pokes.Poke(_names.ControlQueue(partition));
    }
}
