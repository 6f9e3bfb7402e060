using Azure;
using Azure.Data.Tables;

namespace LaaWorkflow.Email.Storage;

/// <summary>Handled Event Webhook ids in Table storage, spread over 256 partitions by hash.</summary>
internal sealed class TableWebhookEventLog : IWebhookEventLog
{
    private readonly LazyTable _table;

    public TableWebhookEventLog(LazyTable table) => _table = table;

    public async Task<bool> IsHandledAsync(string eventId, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        var table = await _table.GetAsync(cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).HasValue;
    }

    public async Task MarkHandledAsync(string eventId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (partition, row) = Keys(eventId);
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, row) { ["EventId"] = eventId, ["HandledAt"] = at }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Handled already by a concurrent post of the same batch: nothing to do.
        }
    }

    private static (string Partition, string Row) Keys(string eventId)
    {
        var hash = TableNames.Hash(eventId);
        return (hash[..2], hash);
    }
}
