using System.Collections.Concurrent;
using LaaWorkflow.Durable.AzureStorage.Storage;

namespace LaaWorkflow.Testing.Delivery;

/// <summary>
/// The backend's storage seam with the queues made unreliable by <see cref="UnreliableDelivery"/>; tables and blobs
/// pass through untouched.
/// </summary>
internal sealed class UnreliableQueueStorage(HubStorage inner, UnreliableDelivery delivery) : HubStorage
{
    // Per queue, how many delayed sends are still on their way: the backend's idle check must not call a queue empty
    // while an injected late message is coming, or a virtual clock would move on without it.
    private readonly ConcurrentDictionary<string, int> _onTheWay = new(StringComparer.Ordinal);

    public override async Task SendMessageAsync(string queue, string text, TimeSpan? visibilityDelay, CancellationToken cancellationToken)
    {
        var (original, copy) = delivery.Plan(queue, text);
        await SendDelayedAsync(queue, text, visibilityDelay, original, cancellationToken).ConfigureAwait(false);
        if (copy is { } copyDelay)
        {
            await SendDelayedAsync(queue, text, visibilityDelay, copyDelay, cancellationToken).ConfigureAwait(false);
            delivery.CountCopy();
        }
    }

    /// <summary>A held copy, sent now.</summary>
    public async Task SendCopyAsync(string queue, string text, CancellationToken cancellationToken)
    {
        await inner.SendMessageAsync(queue, text, null, cancellationToken).ConfigureAwait(false);
        delivery.CountCopy();
    }

    public override async Task<IReadOnlyList<QueuedMessage>> ReceiveMessagesAsync(
        string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var received = (await inner.ReceiveMessagesAsync(queue, maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false)).ToList();
        delivery.Shuffle(received);
        return received;
    }

    public override async Task<bool> HasVisibleMessagesAsync(string queue, CancellationToken cancellationToken) =>
        (_onTheWay.TryGetValue(queue, out var coming) && coming > 0)
        || await inner.HasVisibleMessagesAsync(queue, cancellationToken).ConfigureAwait(false);

    public override Task CreateQueueIfNotExistsAsync(string queue, CancellationToken cancellationToken) => inner.CreateQueueIfNotExistsAsync(queue, cancellationToken);

    public override Task DeleteQueueAsync(string queue, CancellationToken cancellationToken) => inner.DeleteQueueAsync(queue, cancellationToken);

    public override Task UpdateVisibilityAsync(QueuedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.UpdateVisibilityAsync(message, visibilityTimeout, cancellationToken);

    public override Task DeleteMessageAsync(QueuedMessage message, CancellationToken cancellationToken) => inner.DeleteMessageAsync(message, cancellationToken);

    public override Task CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken) => inner.CreateTableIfNotExistsAsync(table, cancellationToken);

    public override Task DeleteTableAsync(string table, CancellationToken cancellationToken) => inner.DeleteTableAsync(table, cancellationToken);

    public override Task<StoredRow?> GetRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.GetRowAsync(table, partitionKey, rowKey, cancellationToken);

    public override Task<IReadOnlyList<StoredRow>> QueryPartitionAsync(string table, string partitionKey, CancellationToken cancellationToken) =>
        inner.QueryPartitionAsync(table, partitionKey, cancellationToken);

    public override Task<(IReadOnlyList<StoredRow> Rows, string? ContinuationToken)> QueryPageAsync(
        string table, string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        inner.QueryPageAsync(table, filter, pageSize, continuationToken, cancellationToken);

    public override Task<string?> SubmitTransactionAsync(string table, IReadOnlyList<RowOperation> operations, CancellationToken cancellationToken) =>
        inner.SubmitTransactionAsync(table, operations, cancellationToken);

    public override Task<string> WriteRowAsync(string table, RowOperation operation, CancellationToken cancellationToken) =>
        inner.WriteRowAsync(table, operation, cancellationToken);

    public override Task<string> MergeRowAsync(string table, StoredRow row, string? ifMatch, CancellationToken cancellationToken) =>
        inner.MergeRowAsync(table, row, ifMatch, cancellationToken);

    public override Task DeleteRowAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.DeleteRowAsync(table, partitionKey, rowKey, cancellationToken);

    public override Task CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken) =>
        inner.CreateContainerIfNotExistsAsync(container, cancellationToken);

    public override Task DeleteContainerAsync(string container, CancellationToken cancellationToken) => inner.DeleteContainerAsync(container, cancellationToken);

    public override Task UploadTextAsync(string container, string blobName, string text, CancellationToken cancellationToken) =>
        inner.UploadTextAsync(container, blobName, text, cancellationToken);

    public override Task<string> DownloadTextAsync(string container, string blobName, CancellationToken cancellationToken) =>
        inner.DownloadTextAsync(container, blobName, cancellationToken);

    public override Task<IReadOnlyList<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken) =>
        inner.ListBlobsAsync(container, prefix, cancellationToken);

    public override Task DeleteBlobAsync(string container, string blobName, CancellationToken cancellationToken) =>
        inner.DeleteBlobAsync(container, blobName, cancellationToken);

    /// <summary>
    /// Sends at once, or after <paramref name="extra"/> in the background: queue visibility counts whole seconds, too
    /// coarse to reorder messages sent milliseconds apart, so the delay is kept here instead.
    /// </summary>
    private async Task SendDelayedAsync(string queue, string text, TimeSpan? asked, TimeSpan extra, CancellationToken cancellationToken)
    {
        if (extra <= TimeSpan.Zero)
        {
            await inner.SendMessageAsync(queue, text, asked, cancellationToken).ConfigureAwait(false);
            return;
        }

        _onTheWay.AddOrUpdate(queue, 1, (_, n) => n + 1);
        _ = Task.Run(async () =>
        {
            try
            {
                // The injected lateness itself, not a wait for something to happen.
                await Task.Delay(extra, CancellationToken.None).ConfigureAwait(false);
                await inner.SendMessageAsync(queue, text, asked, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                delivery.CountLost();
            }
            finally
            {
                _onTheWay.AddOrUpdate(queue, 0, (_, n) => n - 1);
            }
        }, CancellationToken.None);
    }
}
