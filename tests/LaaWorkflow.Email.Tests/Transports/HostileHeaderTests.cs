using System.Text.Json.Nodes;
using LaaWorkflow.Email.Transports.SendGrid;

namespace LaaWorkflow.Email.Tests.Transports;

/// <summary>
/// Names and subjects carrying line breaks of every kind reach SendGrid as one line each: the recipient's, the
/// copies', the reply-to's and the sender's display names, the subject and the message-key header.
/// </summary>
public sealed class HostileHeaderTests
{
    public static TheoryData<string, string> Breaks() => new()
    {
        { "crlf", "\r\n" },
        { "lf", "\n" },
        { "cr", "\r" },
        { "nel", "\u0085" },
        { "line-separator", "\u2028" },
        { "paragraph-separator", "\u2029" },
        { "vertical-tab", "\v" },
        { "form-feed", "\f" },
        { "nul", "\0" },
        { "encoded-word-looking", "=?utf-8?q?=0D=0A?=\r\n" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public void SendGridRequest_BreaksInNamesAndSubject_AreOneLine(string kind, string lineBreak)
    {
        var injected = $"Northumbria Police{lineBreak}Bcc: victim@attacker.example{lineBreak}{lineBreak}<b>body</b>";
        var message = new EmailMessage(
            "invitation/neg-1/p1",
            EmailKind.PartnerInvitation,
            new EmailAddress("p@police.example", injected),
            $"LAA consultation: {injected}",
            "text",
            "<p>html</p>",
            "neg-1",
            "p1",
            new EmailAddress("reply+token@inbound.example", injected),
            [new EmailAddress("cc@police.example", injected)]);

        var json = JsonNode.Parse(SendGridRequest.Create(message, new EmailAddress("laa@council.example", injected)).Serialize())!;
        var headerValues = new[]
        {
            json["subject"]!.GetValue<string>(),
            json["from"]!["name"]!.GetValue<string>(),
            json["reply_to"]!["name"]!.GetValue<string>(),
            json["personalizations"]![0]!["to"]![0]!["name"]!.GetValue<string>(),
            json["personalizations"]![0]!["cc"]![0]!["name"]!.GetValue<string>(),
        };

        Assert.All(headerValues, value =>
        {
            Assert.False(value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'), $"{kind}: '{value}' still breaks the line.");
            Assert.Contains("Bcc: victim@attacker.example", value, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("p@police.example\r\nBcc: victim@attacker.example")]
    [InlineData("p@police.example\u0085")]
    [InlineData("p@police.example\0")]
    public void EmailAddress_AddressWithAnyBreak_IsRefusedNotCleaned(string address) =>
        Assert.Throws<ArgumentException>(() => new EmailAddress(address));
}
