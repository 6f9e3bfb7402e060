using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>
/// The multipart/mixed body of an entity group transaction (one changeset inside one batch), and the reading of
/// its answer. The service answers 202 even when the changeset failed; the inner status says what happened.
/// </summary>
internal static class TableBatch
{
    public const int MaxActions = 100;

    public static byte[] Build(string batchBoundary, string changesetBoundary, string tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var body = new StringBuilder(actions.Count * 512);
        body.Append("--").Append(batchBoundary).Append("\r\n");
        body.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, addressesEntity) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false),
                TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge => ("MERGE", true),
                TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpsertReplace => ("PUT", true),
                TableTransactionActionType.Delete => ("DELETE", true),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action type."),
            };

            body.Append("--").Append(changesetBoundary).Append("\r\n");
            body.Append("Content-Type: application/http\r\n");
            body.Append("Content-Transfer-Encoding: binary\r\n\r\n");
            body.Append(method).Append(' ').Append(tableUri);
            if (addressesEntity)
            {
                var path = TableQueryFilter.EntityPath("", entity.PartitionKey, entity.RowKey);
                body.Append(path, 1, path.Length - 1);
            }

            body.Append(" HTTP/1.1\r\n");
            body.Append("Accept: ").Append(TableClient.JsonAccept).Append("\r\n");
            body.Append("DataServiceVersion: 3.0\r\n");
            body.Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            switch (action.ActionType)
            {
                case TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete:
                    body.Append("If-Match: ").Append(action.ETag == default ? "*" : action.ETag.ToString()).Append("\r\n");
                    break;
            }

            if (action.ActionType == TableTransactionActionType.Delete)
            {
                body.Append("\r\n");
                continue;
            }

            body.Append("Content-Type: application/json\r\n");
            body.Append("Prefer: return-no-content\r\n\r\n");
            body.Append(Encoding.UTF8.GetString(EntityJson.Serialize(entity))).Append("\r\n");
        }

        body.Append("--").Append(changesetBoundary).Append("--\r\n");
        body.Append("--").Append(batchBoundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    /// <summary>The inner responses of the changeset: their status, headers and body, in order.</summary>
    public static List<InnerResponse> Parse(string body)
    {
        var responses = new List<InnerResponse>();
        var index = 0;
        while ((index = body.IndexOf("HTTP/1.1 ", index, StringComparison.Ordinal)) >= 0)
        {
            var lineEnd = body.IndexOf('\n', index);
            var statusText = body.Substring(index + 9, 3);
            var status = int.Parse(statusText, CultureInfo.InvariantCulture);
            var headersEnd = body.IndexOf("\r\n\r\n", lineEnd, StringComparison.Ordinal);
            var headerBlock = headersEnd < 0 ? body[(lineEnd + 1)..] : body[(lineEnd + 1)..headersEnd];
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in headerBlock.Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            var contentStart = headersEnd < 0 ? body.Length : headersEnd + 4;
            var next = body.IndexOf("\r\n--", contentStart, StringComparison.Ordinal);
            var content = next < 0 ? body[contentStart..] : body[contentStart..next];
            responses.Add(new InnerResponse(status, headers, content.Trim()));
            index = next < 0 ? body.Length : next;
        }

        return responses;
    }

    /// <summary>The failing operation's index: the service prefixes its message with "index:".</summary>
    public static (string? Code, string? Message, int? Index) ReadFailure(InnerResponse failure)
    {
        string? code = null;
        string? message = null;
        if (failure.Content.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(failure.Content);
                if (document.RootElement.TryGetProperty("odata.error", out var error))
                {
                    code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }
                }
            }
            catch (JsonException)
            {
                // Keep the status; the body was not the documented error shape.
            }
        }

        int? index = null;
        if (message is not null)
        {
            var colon = message.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                index = parsed;
            }
        }

        if (index is null && failure.Headers.TryGetValue("Content-ID", out var contentId) && int.TryParse(contentId, NumberStyles.None, CultureInfo.InvariantCulture, out var fromId))
        {
            index = fromId;
        }

        return (code, message, index);
    }

    internal sealed record InnerResponse(int Status, Dictionary<string, string> Headers, string Content)
    {
        public ETag? ETag => Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : null;
    }
}
