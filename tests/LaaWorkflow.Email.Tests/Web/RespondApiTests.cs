using System.Net;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Email.Tests.Support;

namespace LaaWorkflow.Email.Tests.Web;

public sealed class RespondApiTests : IAsyncLifetime
{
    private EmailTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EmailTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_ValidToken_ShowsChoicesAndRecordsNothing()
    {
        var token = _host.Token();

        // Mail scanners fetch links, sometimes more than once.
        using var first = await _host.Client.GetAsync(new Uri($"/api/respond/{token}", UriKind.Relative));
        using var second = await _host.Client.GetAsync(new Uri($"/api/respond/{token}", UriKind.Relative));
        var html = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Northumbria Police", html, StringComparison.Ordinal);
        Assert.Contains("NI 16", html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"endorse\"", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\">", html, StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
        Assert.Null(await _host.Stores.GetAsync(Samples.NegotiationId, Samples.PartnerId, 1, CancellationToken.None));
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", Assert.Single(first.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Post_Endorse_RecordsOnceAndConfirms()
    {
        using var response = await Post(_host.Token(), "endorse");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("your answer is recorded", html, StringComparison.Ordinal);
        var call = Assert.Single(_host.Sink.Calls);
        Assert.Equal(new AnswerSubmission(Samples.NegotiationId, Samples.PartnerId, 1, AnswerDecision.Endorse, null, AnswerSource.EmailLink, Samples.Now), call);
        var confirmation = Assert.Single(await _host.Outbox.ReadAsync("p@police.example", 10, CancellationToken.None));
        Assert.Equal("AnswerConfirmation", confirmation.Category);
    }

    [Fact]
    public async Task Post_SecondDifferentAnswer_ShowsFirstAndAppliesNothingNew()
    {
        var token = _host.Token();
        using var first = await Post(token, "object", "The baseline is wrong");
        _host.Time.Advance(TimeSpan.FromHours(1));

        using var second = await Post(token, "endorse");
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already recorded", html, StringComparison.Ordinal);
        Assert.Contains("Object to the targets", html, StringComparison.Ordinal);
        Assert.Contains("The baseline is wrong", html, StringComparison.Ordinal);
        Assert.All(_host.Sink.Calls, c => Assert.Equal(AnswerDecision.Object, c.Decision));
        Assert.Equal(AnswerDecision.Object, Assert.Single(_host.Sink.Applied).Decision);
        Assert.Single(await _host.Outbox.ReadAsync("p@police.example", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Post_AfterCrashBetweenLedgerAndSink_HandsTheFirstAnswerOver()
    {
        // The crash left a ledger row whose answer never reached the negotiation.
        var first = new AnswerSubmission(Samples.NegotiationId, Samples.PartnerId, 1, AnswerDecision.RequestChanges, "Lower NI 20", AnswerSource.EmailLink, Samples.Now.AddMinutes(-5));
        await _host.Stores.InsertOrGetAsync(first, CancellationToken.None);

        using var response = await Post(_host.Token(), "endorse");

        // The stored answer stands and is handed over; the different one posted now conflicts with it.
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(first, Assert.Single(_host.Sink.Calls));
    }

    [Fact]
    public async Task Post_StorageDown_Answers503AndConfirmsNothing()
    {
        _host.Ledger.Failing = true;

        using var response = await Post(_host.Token(), "endorse");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Please try again", html, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded", html.Replace("Nothing has been recorded", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Post_NegotiationStoreDown_Answers503ThenRetryHandsOverFirstAnswer()
    {
        var token = _host.Token();
        _host.Sink.Failing = true;
        using var failed = await Post(token, "object", "Too high");
        _host.Sink.Failing = false;

        using var retried = await Post(token, "endorse");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retried.StatusCode);
        var applied = Assert.Single(_host.Sink.Applied);
        Assert.Equal((AnswerDecision.Object, "Too high"), (applied.Decision, applied.Comment));
    }

    [Fact]
    public async Task Post_ObjectWithoutReason_ShowsFormWithErrorAndRecordsNothing()
    {
        using var response = await Post(_host.Token(), "object");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please give a reason", html, StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Post_TamperedToken_Answers400AndChangesNothing()
    {
        var token = _host.Token();
        var tampered = token[..10] + (token[10] == 'a' ? 'b' : 'a') + token[11..];

        using var response = await Post(tampered, "endorse");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be used", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task GetAndPost_GovernmentOfficeDecisionToken_Answer400AndChangeNothing()
    {
        // Genuine and unexpired, but signed for the Government Office's decision page, not for a partner's answer.
        var token = _host.Tokens.Issue(new AnswerToken(Samples.NegotiationId, AnswerLinkFactory.GovernmentOfficeParty, 1, Samples.ResponseDeadline.AddDays(30)));

        using var page = await _host.Client.GetAsync(new Uri($"/api/respond/{token}", UriKind.Relative));
        using var response = await Post(token, "endorse");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Government Office", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Post_ExpiredToken_Answers410AndChangesNothing()
    {
        var token = _host.Token(expires: Samples.Now.AddDays(1));
        _host.Time.Advance(TimeSpan.FromDays(2));

        using var response = await Post(token, "endorse");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Post_WrongRound_Answers410SayingSupersededAndChangesNothing()
    {
        _host.Lookup.View = Samples.View(round: 2);

        using var response = await Post(_host.Token(round: 1), "endorse");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("newer consultation round superseded this link", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_host.Sink.Calls);
    }

    [Fact]
    public async Task Post_NegotiationClosesBetweenPageAndPost_ShowsSinkReason()
    {
        _host.Sink.Next = AnswerSinkResult.Closed("The negotiation was finalised.");

        using var response = await Post(_host.Token(), "endorse");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("The negotiation was finalised.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ClosedConsultation_SaysWhy()
    {
        _host.Lookup.View = Samples.View(open: false, closedReason: "The negotiation was finalised.");

        using var response = await _host.Client.GetAsync(new Uri($"/api/respond/{_host.Token()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("The negotiation was finalised.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CommentsOnTargets_RecordedWithTheAnswerAndARepeatChangesNothing()
    {
        var token = _host.Token();
        var fields = new Dictionary<string, string>
        {
            ["decision"] = "request-changes",
            ["comment"] = "",
            ["target:NI 20"] = "Too steep for year two.",
            ["target:NI 16"] = "Baseline is last year's.",
            ["target:NI 999"] = "Not one of ours.",
        };

        using var first = await _host.Client.PostAsync(new Uri($"/api/respond/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));
        using var repeat = await _host.Client.PostAsync(new Uri($"/api/respond/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var applied = Assert.Single(_host.Sink.Applied);
        Assert.Equal((AnswerDecision.RequestChanges, "NI 16: Baseline is last year's.\nNI 20: Too steep for year two."), (applied.Decision, applied.Comment));
    }

    private Task<HttpResponseMessage> Post(string token, string decision, string? comment = null)
    {
        var fields = new Dictionary<string, string> { ["decision"] = decision };
        if (comment is not null)
        {
            fields["comment"] = comment;
        }

        return _host.Client.PostAsync(new Uri($"/api/respond/{token}", UriKind.Relative), new FormUrlEncodedContent(fields));
    }
}
