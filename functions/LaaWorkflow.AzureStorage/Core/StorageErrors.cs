using System.Text.Json;
using System.Xml;
using Azure;

namespace LaaWorkflow.AzureStorage.Core;

/// <summary>Turns a failed response into <see cref="RequestFailedException"/> with the status and storage error code.</summary>
internal static class StorageErrors
{
    public static RequestFailedException Create(Response response, string operation)
    {
        var (code, message) = Parse(response);
        var text = $"{operation} failed with {response.Status} ({response.ReasonPhrase}), error code {code ?? "none"}: {message ?? "no message"}";
        return new RequestFailedException(response.Status, text, code, null);
    }

    public static (string? Code, string? Message) Parse(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        string? bodyCode = null;
        string? message = null;
        var content = response.Content;
        if (content is not null && content.ToMemory().Length > 0)
        {
            var span = content.ToMemory().Span;
            try
            {
                if (span[0] == (byte)'{')
                {
                    (bodyCode, message) = ParseJson(content);
                }
                else if (span[0] == (byte)'<' || span.Length > 3 && span[3] == (byte)'<')
                {
                    (bodyCode, message) = ParseXml(content);
                }
            }
            catch (Exception e) when (e is JsonException or XmlException)
            {
                // An unreadable error body still leaves the status and the header code to report.
            }
        }

        return (headerCode ?? bodyCode, message);
    }

    private static (string? Code, string? Message) ParseJson(BinaryData content)
    {
        using var document = JsonDocument.Parse(content.ToMemory());
        var root = document.RootElement;
        if (!root.TryGetProperty("odata.error", out var error) && !root.TryGetProperty("error", out error))
        {
            return (null, null);
        }

        var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
        string? message = null;
        if (error.TryGetProperty("message", out var m))
        {
            message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }

        return (code, message);
    }

    private static (string? Code, string? Message) ParseXml(BinaryData content)
    {
        using var stream = content.ToStream();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        string? code = null;
        string? message = null;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.Name == "Code")
            {
                code = reader.ReadElementContentAsString();
            }
            else if (reader.Name == "Message")
            {
                message = reader.ReadElementContentAsString();
            }
        }

        return (code, message);
    }
}
