using Azure;
using LaaWorkflow.AzureStorage.Queues;

namespace LaaWorkflow.Durable.AzureStorage.Storage;

internal sealed partial class AzureHubStorage
{
    /// <summary>Messages never expire: an event for an instance that waits months must still be there.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public override async Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken) =>
        await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public override async Task DeleteQueueAsync(string queue, CancellationToken cancellationToken) =>
        await Queue(queue).DeleteIfExistsAsync(cancellationToken);

    public override async Task SendMessageAsync(string queue, string text, TimeSpan? visibilityDelay, CancellationToken cancellationToken) =>
        await Queue(queue).SendMessageAsync(text, visibilityDelay, NeverExpires, cancellationToken);

    public override async Task<IReadOnlyList<QueuedMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var response = await Queue(queue).ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken);
        return [.. response.Value.Select(m => new QueuedMessage(queue, m.MessageId, m.PopReceipt, m.MessageText, m.DequeueCount))];
    }

    public override async Task<bool> HasVisibleMessagesAsync(string queue, CancellationToken cancellationToken) =>
        (await Queue(queue).PeekMessagesAsync(1, cancellationToken)).Value.Length > 0;

    public override async Task UpdateVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await Queue(message.QueueName).UpdateMessageAsync(
                message.MessageId, message.PopReceipt, (string?)null, visibilityTimeout, cancellationToken);
            message.PopReceipt = receipt.Value.PopReceipt;
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            throw new StorageConflictException($"Message {message.MessageId} on {message.QueueName} is no longer held by this receipt.", ex);
        }
    }

    public override async Task DeleteMessageAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(message.QueueName).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            // Gone already, or received again elsewhere: its receiver drops the duplicate.
        }
    }

    private QueueClient Queue(string name) => _queues.GetOrAdd(name, _queueService.GetQueueClient);
}
