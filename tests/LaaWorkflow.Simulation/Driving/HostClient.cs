using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>One running host as the simulation reaches it: admins with the key, partners through their links only.</summary>
internal sealed class HostClient : IDisposable
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _admin;
    private readonly HttpClient _partner;

    public HostClient(Uri baseUrl, string adminKey)
    {
        BaseUrl = baseUrl;
        _admin = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
        _admin.DefaultRequestHeaders.Add("x-functions-key", adminKey);
        _partner = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri BaseUrl { get; }

    public async Task<string> StartAsync(NegotiationRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/negotiations", UriKind.Relative))
        {
            Content = JsonContent.Create(request, options: s_json),
        };
        // A retried start returns the negotiation already started rather than a second one.
        message.Headers.Add("Idempotency-Key", "simulation-" + request.Area);
        using var response = await _admin.SendAsync(message, cancellationToken);
        var body = await ReadAsync(response, cancellationToken);
        return body?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"Starting {request.Area} answered without an id.");
    }

    public async Task<JsonObject?> GetNegotiationAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _admin.GetAsync(new Uri($"api/negotiations/{Uri.EscapeDataString(id)}", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, cancellationToken) as JsonObject;
    }

    /// <summary>Messages stored at or after the real instant <paramref name="since"/>, oldest first.</summary>
    public async Task<List<JsonObject>> ReadOutboxAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = "api/dev/outbox?top=1000&since=" + Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        using var response = await _admin.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        var list = await ReadAsync(response, cancellationToken) as JsonArray ?? [];
        var result = list.OfType<JsonObject>().ToList();
        if (result.Count >= 1000)
        {
            throw new InvalidOperationException("More than 1000 emails in one read of the outbox; read it more often.");
        }

        result.Reverse();
        return result;
    }

    /// <summary>The durable instance with its history, as the management API shows it, for a report on what is stuck.</summary>
    public async Task<string> InstanceWithHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var query = $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(id)}?showHistory=true&showInput=false";
        using var response = await _admin.GetAsync(new Uri(query, UriKind.Relative), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<JsonObject> MetricsAsync(CancellationToken cancellationToken)
    {
        using var response = await _admin.GetAsync(new Uri("api/dev/metrics", UriKind.Relative), cancellationToken);
        return (JsonObject)(await ReadAsync(response, cancellationToken))!;
    }

    /// <summary>Answers as a partner: posts the form behind the emailed link; returns the status code.</summary>
    public async Task<HttpStatusCode> AnswerAsync(Uri link, string decision, string comment, CancellationToken cancellationToken)
    {
        // The link names the host that sent it; with several hosts the partner may land on any of them.
        var target = new Uri(BaseUrl, link.PathAndQuery);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = decision, ["comment"] = comment });
        using var response = await _partner.PostAsync(target, form, cancellationToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> ReviseAsync(string id, IReadOnlyList<TargetRequest?> targets, CancellationToken cancellationToken)
    {
        using var response = await _admin.PostAsJsonAsync(
            new Uri($"api/negotiations/{Uri.EscapeDataString(id)}/revisions", UriKind.Relative), new RevisionRequest { Targets = targets }, s_json, cancellationToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> DecideAsync(string id, bool approved, string comment, CancellationToken cancellationToken)
    {
        using var response = await _admin.PostAsJsonAsync(
            new Uri($"api/negotiations/{Uri.EscapeDataString(id)}/government-office/decision", UriKind.Relative),
            new GovernmentOfficeDecisionRequest { Approved = approved, Comment = comment }, s_json, cancellationToken);
        return response.StatusCode;
    }

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _partner.Dispose();
    }
}
