using System.Net;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Tests.Support;

namespace LaaWorkflow.Email.Tests.Inbound;

public sealed class InboundParseTests : IAsyncLifetime
{
    private const string Secret = "inbound-secret-123";
    private EmailTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EmailTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Inbound_Endorse_RecordsEndorsementFromReply()
    {
        using var response = await PostAsync(Reply("Endorse\n\nThanks, P."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_host.Sink.Calls);
        Assert.Equal(AnswerDecision.Endorse, call.Decision);
        Assert.Equal(AnswerSource.EmailReply, call.Source);
        Assert.Equal((Samples.NegotiationId, Samples.PartnerId, 1), (call.NegotiationId, call.PartnerId, call.Round));
    }

    [Fact]
    public async Task Inbound_ObjectWithReason_RecordsObjectionAndReason()
    {
        using var response = await PostAsync(Reply("object: the NI 16 baseline double counts\nburglaries reported twice."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_host.Sink.Calls);
        Assert.Equal(AnswerDecision.Object, call.Decision);
        Assert.Equal("the NI 16 baseline double counts\nburglaries reported twice.", call.Comment);
    }

    [Fact]
    public async Task Inbound_ChangesWithQuotedOriginalBelow_ReadsOnlyTheNewText()
    {
        var text = """
            changes: please lower the NI 20 trajectory for 2010/11 to 8.4

            On Mon, 10 Mar 2008 at 09:00, Sunderland LSP <laa@sunderland.example> wrote:
            > Please endorse, object: reason, or changes: comment.
            > endorse
            """;

        using var response = await PostAsync(Reply(text.Replace("\r\n", "\n", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_host.Sink.Calls);
        Assert.Equal(AnswerDecision.RequestChanges, call.Decision);
        Assert.Equal("please lower the NI 20 trajectory for 2010/11 to 8.4", call.Comment);
    }

    [Fact]
    public async Task Inbound_HtmlOnlyReply_ReadsFirstLine()
    {
        using var response = await PostAsync(Reply(text: string.Empty, html: "<div>endorse</div><blockquote>object: quoted</blockquote>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AnswerDecision.Endorse, Assert.Single(_host.Sink.Calls).Decision);
    }

    [Fact]
    public async Task Inbound_Unparseable_SendsReplyNotUnderstoodAndRecordsNothing()
    {
        using var response = await PostAsync(Reply("Happy to go with whatever the council thinks\n\n> endorse"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
        Assert.Null(await _host.Stores.GetAsync(Samples.NegotiationId, Samples.PartnerId, 1, CancellationToken.None));
        var answer = Assert.Single(await _host.Outbox.ReadAsync("p@police.example", 10, CancellationToken.None));
        Assert.Equal("ReplyNotUnderstood", answer.Category);
        Assert.Contains("Happy to go with whatever the council thinks", answer.Text, StringComparison.Ordinal);
        Assert.Contains("https://laa.example.org/api/respond/", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_SameUnparseableReplyPostedTwice_AnswersOnce()
    {
        using var first = await PostAsync(Reply("maybe"));
        using var second = await PostAsync(Reply("maybe"));

        Assert.Single(await _host.Outbox.ReadAsync("p@police.example", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Inbound_ObjectWithoutReason_IsNotUnderstood()
    {
        using var response = await PostAsync(Reply("object"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
        Assert.Contains("reason", Assert.Single(await _host.Outbox.ReadAsync(null, 10, CancellationToken.None)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    public async Task Inbound_MissingOrWrongSecret_Answers401AndRecordsNothing(string? secret)
    {
        using var response = await PostAsync(Reply("endorse"), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
        Assert.Empty(await _host.Outbox.ReadAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Inbound_Oversized_Answers413()
    {
        using var response = await PostAsync(Reply("endorse\n" + new string('x', 300_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Inbound_ForgedToken_RecordsNothingAndSendsNothing()
    {
        var token = _host.Token();
        var forged = token[..20] + (token[20] == 'a' ? 'b' : 'a') + token[21..];

        using var response = await PostAsync(Reply("endorse", token: forged));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
        Assert.Empty(await _host.Outbox.ReadAsync(null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Inbound_ConsultationClosed_RepliesWithReasonAndRecordsNothing()
    {
        _host.Lookup.View = Samples.View(open: false, closedReason: "The negotiation was finalised.");

        using var response = await PostAsync(Reply("endorse"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
        var answer = Assert.Single(await _host.Outbox.ReadAsync("p@police.example", 10, CancellationToken.None));
        Assert.Contains("could not record your reply", answer.Subject, StringComparison.Ordinal);
        Assert.Contains("The negotiation was finalised.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound_StorageDown_Answers503SoSendGridRetries()
    {
        _host.Ledger.Failing = true;

        using var response = await PostAsync(Reply("endorse"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_host.Sink.Calls);
    }

    private MultipartFormDataContent Reply(string text, string? html = null, string? token = null)
    {
        token ??= _host.Token();
        var replyTo = $"reply+{token}@inbound.example.org";

        // The fields SendGrid Inbound Parse documents for a post without the raw MIME message.
        var form = new MultipartFormDataContent
        {
            { new StringContent($"Received: by mx.sendgrid.net\nMessage-ID: <abc@police.example>\nFrom: P. Contact <p@police.example>\nTo: {replyTo}\nSubject: Re: Sunderland Local Area Agreement"), "headers" },
            { new StringContent("{@police.example : pass}"), "dkim" },
            { new StringContent("{}"), "content-ids" },
            { new StringContent($"LAA answers <{replyTo}>"), "to" },
            { new StringContent("P. Contact <p@police.example>"), "from" },
            { new StringContent(text), "text" },
            { new StringContent(html ?? $"<div>{text}</div>"), "html" },
            { new StringContent("192.0.2.10"), "sender_ip" },
            { new StringContent("Spam detection software has NOT identified this incoming email as spam."), "spam_report" },
            { new StringContent($$"""{"to":["{{replyTo}}"],"from":"p@police.example"}"""), "envelope" },
            { new StringContent("0"), "attachments" },
            { new StringContent("Re: Sunderland Local Area Agreement: please answer"), "subject" },
            { new StringContent("0.1"), "spam_score" },
            { new StringContent("""{"to":"UTF-8","html":"UTF-8","subject":"UTF-8","from":"UTF-8","text":"UTF-8"}"""), "charsets" },
            { new StringContent("pass"), "SPF" },
        };
        return form;
    }

    private Task<HttpResponseMessage> PostAsync(MultipartFormDataContent form, string? secret = Secret)
    {
        var url = secret is null ? "/api/email/inbound" : $"/api/email/inbound?secret={secret}";
        return _host.Client.PostAsync(new Uri(url, UriKind.Relative), form);
    }
}
