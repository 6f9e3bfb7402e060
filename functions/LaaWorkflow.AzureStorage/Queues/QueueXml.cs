using System.Globalization;
using System.Text;
using System.Xml;

namespace LaaWorkflow.AzureStorage.Queues;

/// <summary>The Queue service's XML: message bodies out, message lists in.</summary>
internal static class QueueXml
{
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

    /// <summary>
    /// Every QueueMessage element as a name -> text map. The service's message lists are flat and small, so a
    /// scan for the elements is enough and much cheaper per receive than a general XML reader.
    /// </summary>
    public static List<Dictionary<string, string>> ReadMessages(BinaryData content)
    {
        var xml = content.ToString();
        var messages = new List<Dictionary<string, string>>();
        var at = 0;
        while ((at = xml.IndexOf("<QueueMessage>", at, StringComparison.Ordinal)) >= 0)
        {
            var end = xml.IndexOf("</QueueMessage>", at, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new FormatException("The queue service's answer has an unterminated QueueMessage element.");
            }

            var message = new Dictionary<string, string>(8, StringComparer.Ordinal);
            var position = at + "<QueueMessage>".Length;
            while (position < end)
            {
                var open = xml.IndexOf('<', position);
                if (open < 0 || open >= end)
                {
                    break;
                }

                var close = xml.IndexOf('>', open);
                var tag = xml[(open + 1)..close];
                if (tag.EndsWith('/'))
                {
                    message[tag[..^1].Trim()] = "";
                    position = close + 1;
                    continue;
                }

                var endTag = xml.IndexOf("</" + tag + ">", close, StringComparison.Ordinal);
                if (endTag < 0)
                {
                    throw new FormatException($"The queue service's answer has an unterminated {tag} element.");
                }

                var text = xml[(close + 1)..endTag];
                message[tag] = text.Contains('&', StringComparison.Ordinal) ? Decode(text) : text;
                position = endTag + tag.Length + 3;
            }

            messages.Add(message);
            at = end;
        }

        return messages;
    }

    public static DateTimeOffset Date(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : throw new FormatException($"The queue service's answer has no {name}.");

    public static DateTimeOffset? OptionalDate(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var text) && text.Length > 0 ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    private static string Decode(string text)
    {
        // The five XML entities and numeric character references, as the service escapes message text.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, ConformanceLevel = ConformanceLevel.Fragment };
        using var reader = XmlReader.Create(new StringReader("<x>" + text + "</x>"), settings);
        reader.MoveToContent();
        return reader.ReadElementContentAsString();
    }
}
