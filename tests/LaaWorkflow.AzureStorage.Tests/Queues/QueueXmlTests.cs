using LaaWorkflow.AzureStorage.Queues;
using Xunit;

namespace LaaWorkflow.AzureStorage.Tests.Queues;

public sealed class QueueXmlTests
{
    [Fact]
    public void ReadMessages_EscapedTextAndEmptyElement_DecodesAndKeepsEmpty()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList><QueueMessage><MessageId>1</MessageId><PopReceipt>a&amp;b</PopReceipt>" +
            "<MessageText>&lt;x&gt; &quot;q&quot; &#xD;</MessageText><Empty /></QueueMessage><QueueMessage><MessageId>2</MessageId><MessageText></MessageText></QueueMessage></QueueMessagesList>";
        var messages = QueueXml.ReadMessages(BinaryData.FromString(xml));
        Assert.Equal(2, messages.Count);
        Assert.Equal("a&b", messages[0]["PopReceipt"]);
        Assert.Equal("<x> \"q\" \r", messages[0]["MessageText"]);
        Assert.Equal("", messages[0]["Empty"]);
        Assert.Equal("2", messages[1]["MessageId"]);
        Assert.Equal("", messages[1]["MessageText"]);
    }

    [Fact]
    public void ReadMessages_EmptyList_ReturnsNone()
    {
        Assert.Empty(QueueXml.ReadMessages(BinaryData.FromString("<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessagesList />")));
    }

    [Fact]
    public void MessageBody_SpecialCharacters_RoundTripThroughReader()
    {
        const string text = "<a & 'b' \"c\">\r\n";
        var body = System.Text.Encoding.UTF8.GetString(QueueXml.MessageBody(text));
        var read = QueueXml.ReadMessages(BinaryData.FromString(body));
        Assert.Equal(text, read[0]["MessageText"]);
    }
}
