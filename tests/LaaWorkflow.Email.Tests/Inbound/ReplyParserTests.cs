using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Inbound;

namespace LaaWorkflow.Email.Tests.Inbound;

public sealed class ReplyParserTests
{
    [Theory]
    [InlineData("endorse", AnswerDecision.Endorse, null)]
    [InlineData("  Endorse.\n\nRegards,\nP. Contact", AnswerDecision.Endorse, null)]
    [InlineData("ENDORSED", AnswerDecision.Endorse, null)]
    [InlineData("object: baseline wrong", AnswerDecision.Object, "baseline wrong")]
    [InlineData("Objection - baseline wrong", AnswerDecision.Object, "baseline wrong")]
    [InlineData("changes: lower NI 20", AnswerDecision.RequestChanges, "lower NI 20")]
    [InlineData("Request changes: lower NI 20\nand NI 16", AnswerDecision.RequestChanges, "lower NI 20\nand NI 16")]
    [InlineData("\r\n\r\nobject: reason\r\n\r\n-- \r\nSignature line", AnswerDecision.Object, "reason")]
    public void Read_DecisionLine_IsUnderstood(string text, AnswerDecision decision, string? comment)
    {
        var reading = ReplyParser.Read(text);

        Assert.True(reading.IsUnderstood, reading.Problem);
        Assert.Equal(decision, reading.Decision);
        Assert.Equal(comment, reading.Comment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("> endorse")]
    [InlineData("On Mon, 10 Mar 2008, LAA wrote:\n> endorse")]
    [InlineData("I endorse")]
    [InlineData("endorsement pending board approval")]
    [InlineData("object")]
    [InlineData("changes:")]
    public void Read_AnythingElse_IsNotUnderstood(string text)
    {
        var reading = ReplyParser.Read(text);

        Assert.False(reading.IsUnderstood);
        Assert.NotNull(reading.Problem);
    }
}
