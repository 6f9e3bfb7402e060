using System.Text;
using System.Text.Json.Nodes;

namespace LaaWorkflow.Functions.Tests.Security.Hostile;

/// <summary>
/// Everything a hostile request could have changed, read through the admin routes: every orchestration instance
/// (status, input, output, custom status, last update), every negotiation's read model (partners, answers, targets,
/// timeline), and every email in the outbox.
/// </summary>
internal static class StateSnapshot
{
    /// <summary>
    /// The state once the engine has settled: unchanged over a quiet period of many queue polls, so work still on its
    /// way (a message waiting for the next poll, an activity running) has had its chance to show.
    /// </summary>
    public static async Task<string> SettledAsync(HttpClient admin)
    {
        var quiet = TimeSpan.FromMilliseconds(600);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var previous = await TakeAsync(admin);
        var since = DateTimeOffset.UtcNow;
        while (true)
        {
            var current = await TakeAsync(admin);
            if (current != previous)
            {
                (previous, since) = (current, DateTimeOffset.UtcNow);
            }
            else if (DateTimeOffset.UtcNow - since >= quiet)
            {
                return current;
            }
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException("The state kept changing; the host never settled.");
            }
        }
    }

    public static async Task<string> TakeAsync(HttpClient admin)
    {
        var text = new StringBuilder();
        text.AppendLine("# instances");
        foreach (var instance in await InstancesAsync(admin))
        {
            text.AppendLine(instance);
        }
        text.AppendLine("# negotiations");
        var list = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/negotiations?top=100", UriKind.Relative)))!;
        foreach (var item in list["items"]!.AsArray())
        {
            var id = item!["id"]!.GetValue<string>();
            // A rehearsal's business time now moves with the clock; it is a reading, not stored state.
            var row = item.AsObject();
            row.Remove("now");
            text.AppendLine(row.ToJsonString());
            var view = JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/negotiations/{Uri.EscapeDataString(id)}", UriKind.Relative)))!.AsObject();
            view.Remove("now");
            text.AppendLine(view.ToJsonString());
        }
        text.AppendLine("# outbox");
        text.AppendLine(await admin.GetStringAsync(new Uri("/api/dev/outbox?top=1000", UriKind.Relative)));
        return text.ToString();
    }

    private static async Task<List<string>> InstancesAsync(HttpClient admin)
    {
        var result = new List<string>();
        string? continuation = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/runtime/webhooks/durabletask/instances?showInput=true&top=100", UriKind.Relative));
            if (continuation is not null)
            {
                request.Headers.Add("x-ms-continuation-token", continuation);
            }
            using var response = await admin.SendAsync(request);
            response.EnsureSuccessStatusCode();
            foreach (var instance in JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray())
            {
                result.Add(instance!.ToJsonString());
            }
            continuation = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.FirstOrDefault() : null;
        }
        while (continuation is not null);
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
