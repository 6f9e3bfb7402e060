using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Functions.Tests.Infrastructure;
using LaaWorkflow.Negotiation.Demo;
using LaaWorkflow.Testing;

namespace LaaWorkflow.Functions.Tests.Api;

/// <summary>
/// A partner answers by replying to the invitation: SendGrid Inbound Parse posts the reply to the real host, which
/// records the answer on the negotiation through the reply-to token.
/// </summary>
[Collection("azurite-scenarios")]
public sealed class InboundReplyTests(AzuriteFixture azurite)
    : HostedApiTests(azurite, new Dictionary<string, string?> { ["Email:InboundSecret"] = Secret })
{
    private const string Secret = "inbound-test-secret";

    [Fact]
    public async Task Inbound_ReplyToTheInvitation_RecordsTheObjectionWithItsReason_AndARepeatChangesNothing()
    {
        var request = DemoNegotiations.For("Stockton");
        var partner = request.Partners![0]!;
        var id = await NegotiationHost.StartConsultingAsync(Admin, request);
        await NegotiationHost.InvitationLinkAsync(Admin, partner.Contact!.Email!);
        var messages = JsonNode.Parse(await Admin.GetStringAsync(new Uri($"/api/dev/outbox?to={Uri.EscapeDataString(partner.Contact.Email!)}", UriKind.Relative)))!.AsArray();
        var replyTo = messages.Single(m => m!["category"]!.GetValue<string>() == "PartnerInvitation")!["replyTo"]!.GetValue<string>();
        using var anonymous = Host.CreateClient();

        using var response = await anonymous.PostAsync(new Uri($"/api/email/inbound?secret={Secret}", UriKind.Relative),
            Reply(replyTo, partner.Contact.Email!, "Object: the burglary baseline counts repeat reports twice.\n\n> On 26 Nov you wrote:\n> Please answer"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await Eventually.WaitUntilAsync(async () => await NegotiationHost.PartnerStatusAsync(Admin, id, partner.Id!) == "objected");
        using var repeat = await anonymous.PostAsync(new Uri($"/api/email/inbound?secret={Secret}", UriKind.Relative),
            Reply(replyTo, partner.Contact.Email!, "Endorse"));

        var view = await NegotiationHost.GetAsync(Admin, id);
        var stored = view["partners"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == partner.Id)!;
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal("objected", stored["status"]!.GetValue<string>());
        Assert.Equal("the burglary baseline counts repeat reports twice.", stored["comment"]!.GetValue<string>());
    }

    /// <summary>The fields SendGrid Inbound Parse posts for a reply, without the raw MIME message.</summary>
    private static MultipartFormDataContent Reply(string replyTo, string from, string text) => new()
    {
        { new StringContent($"From: {from}\nTo: {replyTo}\nSubject: Re: Stockton Local Area Agreement"), "headers" },
        { new StringContent($"LAA answers <{replyTo}>"), "to" },
        { new StringContent(from), "from" },
        { new StringContent(text), "text" },
        { new StringContent($$"""{"to":["{{replyTo}}"],"from":"{{from}}"}"""), "envelope" },
        { new StringContent("Re: Stockton Local Area Agreement"), "subject" },
        { new StringContent("""{"to":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}"""), "charsets" },
        { new StringContent("pass"), "SPF" },
    };
}
