using System.Globalization;
using System.Text;
using System.Xml;

namespace LaaWorkflow.AzureStorage.Queues;

/// <summary>The Queue service's XML: message bodies out, message lists in.</summary>
internal static class QueueXml
{
    private static readonly XmlReaderSettings s_settings = new() { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true };

    public static byte[] MessageBody(string wireText)
    {
        var builder = new StringBuilder(wireText.Length + 64);
        builder.Append("<QueueMessage><MessageText>");
        foreach (var c in wireText)
        {
            _ = c switch
            {
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&apos;"),
                '\r' => builder.Append("&#xD;"),
                _ => builder.Append(c),
            };
        }

        builder.Append("</MessageText></QueueMessage>");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>Every QueueMessage element as a name -> text map.</summary>
    public static List<Dictionary<string, string>> ReadMessages(BinaryData content)
    {
        var messages = new List<Dictionary<string, string>>();
        using var stream = content.ToStream();
        using var reader = XmlReader.Create(stream, s_settings);
        Dictionary<string, string>? current = null;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Name == "QueueMessage")
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                messages.Add(current);
                reader.Read();
            }
            else if (reader.NodeType == XmlNodeType.Element && current is not null)
            {
                // Reads the element's text and moves past its end tag.
                current[reader.Name] = reader.ReadElementContentAsString();
            }
            else
            {
                reader.Read();
            }
        }

        return messages;
    }

    public static DateTimeOffset Date(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : throw new FormatException($"The queue service's answer has no {name}.");

    public static DateTimeOffset? OptionalDate(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var text) && text.Length > 0 ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
}
