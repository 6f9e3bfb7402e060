using Azure;
using Azure.Data.Tables;

namespace LaaWorkflow.Email.Storage;

/// <summary>The SendGrid sent log in Table storage: one row per message key.</summary>
internal sealed class TableSentLog : ISentLog
{
    private const string Row = "sent";
    private readonly LazyTable _table;

    public TableSentLog(LazyTable table) => _table = table;

    public async Task<SentLogEntry?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var row = await Guard(
            async table =>
            {
                var found = await table.GetEntityIfExistsAsync<TableEntity>(TableNames.Hash(key), Row, cancellationToken: cancellationToken);
                return found.HasValue ? found.Value : null;
            },
            key,
            cancellationToken);
        if (row is null)
        {
            return null;
        }

        return new SentLogEntry(
            row.GetString("Key") ?? key,
            Enum.TryParse<SentLogState>(row.GetString("State"), out var state) ? state : SentLogState.Sending,
            row.GetString("To") ?? string.Empty,
            row.GetString("Kind") ?? string.Empty,
            row.GetString("NegotiationId") ?? string.Empty,
            row.GetString("PartnerId"),
            row.GetDateTimeOffset("UpdatedAt") ?? default,
            row.GetString("MessageId"));
    }

    public Task<bool> TryInsertAsync(SentLogEntry entry, CancellationToken cancellationToken) =>
        Guard(
            async table =>
            {
                try
                {
                    await table.AddEntityAsync(ToRow(entry), cancellationToken);
                    return true;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    return false;
                }
            },
            entry.Key,
            cancellationToken);

    public Task UpsertAsync(SentLogEntry entry, CancellationToken cancellationToken) =>
        Guard(async table => await table.UpsertEntityAsync(ToRow(entry), TableUpdateMode.Replace, cancellationToken), entry.Key, cancellationToken);

    private static TableEntity ToRow(SentLogEntry entry)
    {
        var row = new TableEntity(TableNames.Hash(entry.Key), Row)
        {
            ["Key"] = entry.Key,
            ["State"] = entry.State.ToString(),
            ["To"] = entry.To,
            ["Kind"] = entry.Kind,
            ["NegotiationId"] = entry.NegotiationId,
            ["UpdatedAt"] = entry.UpdatedAt,
        };
        if (entry.PartnerId is not null)
        {
            row["PartnerId"] = entry.PartnerId;
        }

        if (entry.MessageId is not null)
        {
            row["MessageId"] = entry.MessageId;
        }

        return row;
    }

    private async Task<T> Guard<T>(Func<TableClient, Task<T>> action, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await action(await _table.GetAsync(cancellationToken));
        }
        catch (RequestFailedException ex)
        {
            throw new EmailDeliveryException($"The sent log could not be read or written for email {key}: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }
}
