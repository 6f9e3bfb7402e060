using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace LaaWorkflow.AzureStorage.Tables.Serialization;

/// <summary>One operation's answer inside a transaction's response, exposed as a <see cref="Response"/>.</summary>
internal sealed class BatchItemResponse(TableBatch.InnerResponse inner) : Response
{
    public override int Status => inner.Status;

    public override string ReasonPhrase => "";

    public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(inner.Content));

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => inner.Headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders()
    {
        foreach (var (name, value) in inner.Headers)
        {
            yield return new HttpHeader(name, value);
        }
    }

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => inner.Headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        if (inner.Headers.TryGetValue(name, out var value))
        {
            values = [value];
            return true;
        }

        values = null;
        return false;
    }
}
