using Azure;
using Azure.Data.Tables;
using LaaWorkflow.Email.Transports.Outbox;

namespace LaaWorkflow.Email.Storage;

/// <summary>The outbox in Table storage: one partition per message key, holding the message row and any body chunks.</summary>
/// <remarks>
/// A string property holds at most 64 KiB. Bodies that fit are kept in the message row; larger ones are cut into
/// chunk rows next to it, and all rows are inserted in one entity group transaction: a message is stored whole or not
/// at all, and the insert of the message row fails when its key is already stored, which makes a repeated send a no-op.
/// </remarks>
internal sealed class TableOutboxStore : IOutboxStore
{
    /// <summary>Characters per body chunk: 30,000 UTF-16 characters stay under the 64 KiB property limit.</summary>
    internal const int ChunkLength = 30_000;

    private const string MessageRow = "message";

    /// <summary>Set on a message row that holds its bodies itself (both fit in one chunk).</summary>
    private const string InlineProperty = "BodyInline";
    private readonly LazyTable _table;

    public TableOutboxStore(LazyTable table) => _table = table;

    public async Task<bool> TryAddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var partition = TableNames.Hash(message.Id);
        var row = new TableEntity(partition, MessageRow)
        {
            ["Key"] = message.Id,
            ["To"] = message.To.ToLowerInvariant(),
            ["Subject"] = message.Subject,
            ["SentAt"] = message.SentAt,
            ["Kind"] = message.Category,
            ["NegotiationId"] = message.NegotiationId,
        };
        if (message.PartnerId is not null)
        {
            row["PartnerId"] = message.PartnerId;
        }

        if (message.ReplyTo is not null)
        {
            row["ReplyTo"] = message.ReplyTo;
        }

        if (message.StoredAt is { } storedAt)
        {
            row["StoredAt"] = storedAt;
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        if (message.Text.Length <= ChunkLength && message.Html.Length <= ChunkLength)
        {
            // The usual email fits in the message row itself, so reading it costs no query for its chunks.
            row[InlineProperty] = true;
            row["Text"] = message.Text;
            row["Html"] = message.Html;
        }
        else
        {
            actions.AddRange(Chunks(partition, "text", message.Text));
            actions.AddRange(Chunks(partition, "html", message.Html));
        }

        if (actions.Count > 100)
        {
            throw new EmailDeliveryException($"Email {message.Id} is too large for the outbox ({actions.Count - 1} body chunks of {ChunkLength} characters; at most 99).");
        }

        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw new EmailDeliveryException($"The outbox could not store email {message.Id}: {ex.Status} {ex.ErrorCode}.", ex);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ReadAsync(string? to, int top, DateTimeOffset? since, CancellationToken cancellationToken) =>
        QueryAsync(new OutboxQuery { To = to, Since = since }, top, cancellationToken);

    public async Task<IReadOnlyList<OutboxMessage>> QueryAsync(OutboxQuery query, int top, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {MessageRow}");
        if (query.To is { } to)
        {
            filter += " and " + TableClient.CreateQueryFilter($"To eq {to.ToLowerInvariant()}");
        }

        if (query.Since is { } from)
        {
            // Only the new messages' bodies are read: a reader that follows the outbox pays per new message, not per stored one.
            filter += " and " + TableClient.CreateQueryFilter($"StoredAt ge {from}");
        }

        if (query.NegotiationId is { } negotiationId)
        {
            filter += " and " + TableClient.CreateQueryFilter($"NegotiationId eq {negotiationId}");
        }

        if (query.Category is { } category)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {category}");
        }

        if (query.SentFrom is { } sentFrom)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SentAt ge {sentFrom}");
        }

        if (query.SentBefore is { } sentBefore)
        {
            filter += " and " + TableClient.CreateQueryFilter($"SentAt lt {sentBefore}");
        }

        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var result = new List<OutboxMessage>();
        foreach (var row in rows.OrderByDescending(r => r.GetDateTimeOffset("SentAt")).Take(top))
        {
            var (text, html) = row.GetBoolean(InlineProperty) == true
                ? (row.GetString("Text") ?? string.Empty, row.GetString("Html") ?? string.Empty)
                : await ReadChunksAsync(table, row.PartitionKey, cancellationToken);
            result.Add(new OutboxMessage(
                row.GetString("Key") ?? string.Empty,
                row.GetString("To") ?? string.Empty,
                row.GetString("Subject") ?? string.Empty,
                text,
                html,
                row.GetDateTimeOffset("SentAt") ?? default,
                row.GetString("Kind") ?? string.Empty,
                row.GetString("NegotiationId") ?? string.Empty,
                row.GetString("PartnerId"),
                row.GetString("ReplyTo"))
            {
                StoredAt = row.GetDateTimeOffset("StoredAt"),
            });
        }

        return result;
    }

    /// <summary>A body too large for the message row (or stored before bodies went inline): its chunk rows, joined.</summary>
    private static async Task<(string Text, string Html)> ReadChunksAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var chunks = new List<TableEntity>();
        await foreach (var chunk in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ne {MessageRow}"), cancellationToken: cancellationToken))
        {
            chunks.Add(chunk);
        }

        return (Join(chunks, "text"), Join(chunks, "html"));
    }

    private static IEnumerable<TableTransactionAction> Chunks(string partition, string part, string body)
    {
        // Cutting between the two halves of a surrogate pair would store invalid UTF-16; move the cut back one.
        var index = 0;
        for (var start = 0; start < body.Length; index++)
        {
            var length = Math.Min(ChunkLength, body.Length - start);
            if (start + length < body.Length && char.IsHighSurrogate(body[start + length - 1]))
            {
                length--;
            }

            yield return new TableTransactionAction(
                TableTransactionActionType.Add,
                new TableEntity(partition, $"{part}-{index:D3}") { ["Value"] = body.Substring(start, length) });
            start += length;
        }
    }

    private static string Join(List<TableEntity> chunks, string part) =>
        string.Concat(chunks.Where(c => c.RowKey.StartsWith(part + "-", StringComparison.Ordinal)).OrderBy(c => c.RowKey, StringComparer.Ordinal).Select(c => c.GetString("Value")));
}
