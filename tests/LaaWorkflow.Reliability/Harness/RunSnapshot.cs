using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>One negotiation as it ended: phase, partner statuses and the timeline without its timestamps.</summary>
internal sealed record NegotiationEnd(string Area, string Id, string Phase, IReadOnlyList<string> Partners, IReadOnlyList<string> Timeline)
{
    public bool IsFinal => Phase is "finalised" or "deadlineMissed" or "withdrawn";
}

/// <summary>One stored outbox message: its key, and what makes it the same email as another.</summary>
internal sealed partial record SentEmail(string Key, string NegotiationId, string To, string Kind, string Subject)
{
    /// <summary>
    /// Reminders, escalations, the lead's digests and chases, and sign-off warnings: how many go out, and what a digest
    /// or warning lists, depend on when partners and the lead answer, which a fault may delay.
    /// </summary>
    public bool DependsOnTiming => Kind is "PartnerReminder" or "EscalationNotice" or "LeadDigest" or "LeadChase" or "SignOffWarning";

    /// <summary>
    /// Negotiation, recipient, kind and subject, plus the key's segments that number a round, reminder, escalation or
    /// extension (<c>r2</c>, <c>4</c>, <c>e1</c>): the same digest in round 1 and round 2 is two emails, while one
    /// message sent again under a key made up anew would show as the same logical email twice.
    /// </summary>
    public string Logical
    {
        get
        {
            var steps = Key.Split([':', '/'], StringSplitOptions.RemoveEmptyEntries).Where(IsStep);
            return $"{NegotiationId}|{To}|{Kind}|{Subject}|{string.Join(':', steps)}";
        }
    }

    /// <summary>
    /// <see cref="Logical"/> with the dates in the subject left out, for comparing with another run: a deadline set
    /// from when something happened (a second round's) falls on another day when a fault delayed it.
    /// </summary>
    public string Comparable => DateInSubject().Replace(Logical, "<date>");

    [GeneratedRegex(@"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}(, \d{1,2}:\d{2} UTC)?")]
    private static partial Regex DateInSubject();

    private static bool IsStep(string segment) =>
        segment.Length > 0 && segment.Length <= 6
        && (segment.All(char.IsAsciiDigit) || (segment[0] is 'r' or 'e' && segment.Length > 1 && segment[1..].All(char.IsAsciiDigit)));
}

/// <summary>What a run left behind, read once it is over: every negotiation's end, every email stored, every instance.</summary>
internal sealed record RunSnapshot(IReadOnlyList<NegotiationEnd> Negotiations, IReadOnlyList<SentEmail> Emails, int InstancesRunning)
{
    public static async Task<RunSnapshot> ReadAsync(HostSupervisor supervisor, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = supervisor.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("x-functions-key", supervisor.AdminKey);
        var negotiations = new List<NegotiationEnd>();
        var list = await http.GetFromJsonAsync<JsonNode>("api/negotiations?top=100", cancellationToken);
        var items = list?["items"] as JsonArray ?? list as JsonArray ?? [];
        foreach (var item in items)
        {
            var id = item?["id"]?.GetValue<string>();
            if (id is null)
            {
                continue;
            }

            var view = await http.GetFromJsonAsync<JsonNode>($"api/negotiations/{Uri.EscapeDataString(id)}", cancellationToken);
            var area = view?["area"]?.GetValue<string>() ?? id;
            if (areas.Count > 0 && !areas.Contains(area, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            negotiations.Add(new NegotiationEnd(
                area,
                id,
                view?["phase"]?.GetValue<string>() ?? "",
                [.. (view?["partners"] as JsonArray ?? []).Select(p => $"{p?["id"]}={p?["status"]}@{p?["round"]}")],
                [.. (view?["timeline"] as JsonArray ?? []).Select(t => $"{t?["kind"]}|{t?["source"]}|{t?["text"]}")]));
        }

        var running = await HostSupervisor.CountUnfinishedAsync(http, cancellationToken);
        return new RunSnapshot([.. negotiations.OrderBy(n => n.Area, StringComparer.Ordinal)], await ReadOutboxAsync(supervisor, cancellationToken), running);
    }

    /// <summary>Reads the outbox table itself: the dev route shows at most 1,000 messages and hides nothing of interest here.</summary>
    private static async Task<IReadOnlyList<SentEmail>> ReadOutboxAsync(HostSupervisor supervisor, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(supervisor.Azurite.ConnectionString).GetTableClient("EmailOutbox");
        var emails = new List<SentEmail>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"message"}"), cancellationToken: cancellationToken))
        {
            emails.Add(new SentEmail(
                row.GetString("Key") ?? row.PartitionKey,
                row.GetString("NegotiationId") ?? "",
                row.GetString("To") ?? "",
                row.GetString("Kind") ?? "",
                row.GetString("Subject") ?? ""));
        }

        return emails;
    }
}
