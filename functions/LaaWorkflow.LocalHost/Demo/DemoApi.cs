using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>The host's public HTTP API as the demo uses it: admins with the key, partners with their links only.</summary>
internal sealed class DemoApi(HttpClient admin, HttpClient partner) : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static DemoApi Create(DemoOptions options)
    {
        var admin = new HttpClient { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Add("x-functions-key", options.AdminKey);
        var partner = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return new DemoApi(admin, partner);
    }

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await admin.GetAsync(new Uri("/api/health", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Starts one negotiation as a rehearsal on the demo's shared calendar.</summary>
    public async Task<string> StartAsync(NegotiationRequest request, DemoPace pace, CancellationToken cancellationToken)
    {
        var draft = JsonSerializer.SerializeToNode(request, s_json)!.AsObject();
        draft["pace"] = JsonSerializer.SerializeToNode(pace, s_json);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/negotiations", UriKind.Relative))
        {
            Content = JsonContent.Create(draft, options: s_json),
        };
        // The same key on a re-run returns the negotiation already started instead of a second one.
        message.Headers.Add("Idempotency-Key", $"demo-{DemoDriver.NameOf(request)}");
        using var response = await admin.SendAsync(message, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        return body?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Starting {DemoDriver.NameOf(request)} answered without an id.");
    }

    /// <summary>Starts the yearly refresh of a finalised agreement as a rehearsal on its own calendar; the same request again returns the same refresh.</summary>
    public async Task<string> StartRefreshAsync(string id, RefreshRequest refresh, DemoPace pace, CancellationToken cancellationToken)
    {
        var request = refresh with { Pace = new PaceRequest { Anchor = pace.Anchor, StartedAt = pace.StartedAt, SecondsPerDay = pace.SecondsPerDay } };
        using var response = await admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}/refreshes", UriKind.Relative), request, s_json, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        return body?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Refreshing {id} answered without an id.");
    }

    public async Task<JsonNode?> GetNegotiationAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await admin.GetAsync(new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, cancellationToken);
    }

    public async Task<JsonArray> ReadOutboxAsync(CancellationToken cancellationToken)
    {
        using var response = await admin.GetAsync(new Uri("/api/dev/outbox?top=1000", UriKind.Relative), cancellationToken);
        return (await ReadAsync(response, cancellationToken)) as JsonArray ?? [];
    }

    /// <summary>Answers as a partner would: opens the link (which records nothing), then posts the form.</summary>
    public async Task<HttpStatusCode> AnswerAsync(Uri link, string decision, string comment, CancellationToken cancellationToken)
    {
        using (var page = await partner.GetAsync(link, cancellationToken))
        {
            if (!page.IsSuccessStatusCode)
            {
                return page.StatusCode;
            }
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });
        using var response = await partner.PostAsync(link, form, cancellationToken);
        return response.StatusCode;
    }

    public async Task ReviseAsync(string id, IReadOnlyList<TargetRequest?> targets, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}/revisions", UriKind.Relative), new RevisionRequest { Targets = targets }, s_json, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    public async Task DecideAsync(string id, bool approved, string comment, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync(
            new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}/government-office/decision", UriKind.Relative),
            new GovernmentOfficeDecisionRequest { Approved = approved, Comment = comment }, s_json, cancellationToken);
        await ReadAsync(response, cancellationToken);
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public void Dispose()
    {
        admin.Dispose();
        partner.Dispose();
    }
}
