using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LaaWorkflow.Benchmarks.Storage;

/// <summary>
/// The baseline: the same Table and Queue requests written by hand on one HttpClient, signed with the same
/// HMAC (the signer of the project's own storage client, kept only for this baseline and the durable runtime), with
/// no pipeline, retries, diagnostics or mapping layer. Only what the operation needs is parsed.
/// </summary>
internal sealed class BareStorageClient(Uri tableEndpoint, Uri queueEndpoint, string account, string key) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
    private readonly SharedKeySigner _signer = new(account, key);
    private readonly string _tables = tableEndpoint.AbsoluteUri.TrimEnd('/');
    private readonly string _queues = queueEndpoint.AbsoluteUri.TrimEnd('/');

    public void Dispose() => _http.Dispose();

    public async Task InsertAsync(string table, StorageSample entity, CancellationToken cancellationToken = default)
    {
        using var request = TableRequest(HttpMethod.Post, "/" + table);
        request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        request.Content = JsonContent(entity);
        using var response = await _http.SendAsync(request, cancellationToken);
        Ensure(response, HttpStatusCode.NoContent);
    }

    public async Task<StorageSample> GetAsync(string table, string partitionKey, string rowKey)
    {
        using var request = TableRequest(HttpMethod.Get, $"/{table}(PartitionKey='{partitionKey}',RowKey='{rowKey}')");
        using var response = await _http.SendAsync(request);
        Ensure(response, HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        return new StorageSample
        {
            PartitionKey = root.GetProperty("PartitionKey").GetString()!,
            RowKey = root.GetProperty("RowKey").GetString()!,
            Partner = root.GetProperty("Partner").GetString()!,
            Status = root.GetProperty("Status").GetString()!,
            Count = root.GetProperty("Count").GetInt32(),
            Sequence = long.Parse(root.GetProperty("Sequence").GetString()!, CultureInfo.InvariantCulture),
            Baseline = root.GetProperty("Baseline").GetDouble(),
            Answered = root.GetProperty("Answered").GetBoolean(),
            DueAt = DateTime.Parse(root.GetProperty("DueAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
        };
    }

    public async Task BatchInsertAsync(string table, IReadOnlyList<StorageSample> entities)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("N");
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder(64 * 1024);
        body.Append("--").Append(batch).Append("\r\nContent-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");
        foreach (var entity in entities)
        {
            body.Append("--").Append(changeset).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            body.Append("POST ").Append(_tables).Append('/').Append(table).Append(" HTTP/1.1\r\n");
            body.Append("Accept: application/json;odata=minimalmetadata\r\nContent-Type: application/json\r\nPrefer: return-no-content\r\nDataServiceVersion: 3.0\r\n\r\n");
            body.Append(Json(entity)).Append("\r\n");
        }

        body.Append("--").Append(changeset).Append("--\r\n--").Append(batch).Append("--\r\n");
        using var request = TableRequest(HttpMethod.Post, "/$batch");
        request.Content = new StringContent(body.ToString(), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=" + batch);
        using var response = await _http.SendAsync(request);
        Ensure(response, HttpStatusCode.Accepted);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Contains("HTTP/1.1 4", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("bare batch failed: " + text[..Math.Min(400, text.Length)]);
        }
    }

    public async Task SendAsync(string queue, string text)
    {
        var body = Encoding.UTF8.GetBytes("<QueueMessage><MessageText>" + WebUtility.HtmlEncode(text) + "</MessageText></QueueMessage>");
        using var request = QueueRequest(HttpMethod.Post, "/" + queue + "/messages", null, body, "application/xml");
        using var response = await _http.SendAsync(request);
        Ensure(response, HttpStatusCode.Created);
    }

    public async Task<(string Id, string PopReceipt)> ReceiveAsync(string queue)
    {
        using var request = QueueRequest(HttpMethod.Get, "/" + queue + "/messages", "?numofmessages=1", null, null);
        using var response = await _http.SendAsync(request);
        Ensure(response, HttpStatusCode.OK);
        var xml = await response.Content.ReadAsStringAsync();
        return (Between(xml, "<MessageId>", "</MessageId>"), WebUtility.HtmlDecode(Between(xml, "<PopReceipt>", "</PopReceipt>")));
    }

    public async Task DeleteMessageAsync(string queue, string id, string popReceipt)
    {
        using var request = QueueRequest(HttpMethod.Delete, "/" + queue + "/messages/" + id, "?popreceipt=" + Uri.EscapeDataString(popReceipt), null, null);
        using var response = await _http.SendAsync(request);
        Ensure(response, HttpStatusCode.NoContent);
    }

    private HttpRequestMessage TableRequest(HttpMethod method, string path)
    {
        var uri = new Uri(_tables + path);
        var request = new HttpRequestMessage(method, uri);
        var date = SharedKeySigner.FormatDate(DateTimeOffset.UtcNow);
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        var stringToSign = SharedKeySigner.TableLiteStringToSign(account, date, uri.AbsolutePath, uri.Query);
        request.Headers.TryAddWithoutValidation("Authorization", "SharedKeyLite " + account + ":" + _signer.Sign(stringToSign));
        return request;
    }

    private HttpRequestMessage QueueRequest(HttpMethod method, string path, string? query, byte[]? body, string? contentType)
    {
        var uri = new Uri(_queues + path + query);
        var request = new HttpRequestMessage(method, uri);
        var date = SharedKeySigner.FormatDate(DateTimeOffset.UtcNow);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-ms-date", date),
            new("x-ms-version", "2021-12-02"),
        };
        if (body is not null)
        {
            headers.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
            headers.Add(new("Content-Type", contentType!));
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2021-12-02");
        var stringToSign = SharedKeySigner.StringToSign(account, method.Method, headers, uri.AbsolutePath, uri.Query);
        request.Headers.TryAddWithoutValidation("Authorization", "SharedKey " + account + ":" + _signer.Sign(stringToSign));
        return request;
    }

    private static ByteArrayContent JsonContent(StorageSample entity)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Json(entity)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        return content;
    }

    private static string Json(StorageSample e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", e.PartitionKey);
            writer.WriteString("RowKey", e.RowKey);
            writer.WriteString("Partner", e.Partner);
            writer.WriteString("Status", e.Status);
            writer.WriteNumber("Count", e.Count);
            writer.WriteString("Sequence@odata.type", "Edm.Int64");
            writer.WriteString("Sequence", e.Sequence.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("Baseline@odata.type", "Edm.Double");
            writer.WriteNumber("Baseline", e.Baseline);
            writer.WriteBoolean("Answered", e.Answered);
            writer.WriteString("DueAt@odata.type", "Edm.DateTime");
            writer.WriteString("DueAt", e.DueAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Ensure(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"bare request {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
