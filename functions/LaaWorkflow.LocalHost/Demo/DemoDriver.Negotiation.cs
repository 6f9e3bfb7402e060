using System.Text.Json.Nodes;
using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.LocalHost.Demo;

internal sealed partial class DemoDriver
{
    /// <summary>What the driver knows of one negotiation: its request, its last view, and what it has done for it.</summary>
    private sealed class Negotiation(string area, int areaIndex, string id, NegotiationRequest request)
    {
        /// <summary>The timeline entries already told, by their content: the list is in time order, so an entry stored late can land among ones already seen.</summary>
        private readonly HashSet<string> _timelineSeen = new(StringComparer.Ordinal);

        public string Area { get; } = area;

        /// <summary>For a refresh, its year; null for an agreement of the 2008 round.</summary>
        public string? Year { get; init; }

        /// <summary>How far ahead of the round's calendar this negotiation's runs: zero for the round, about a year for a refresh.</summary>
        public TimeSpan Ahead { get; init; }

        /// <summary>How the terminal names it: the area, and the year of a refresh.</summary>
        public string Label => Year is null ? Area : $"{Area} {Year}";
        public int AreaIndex { get; } = areaIndex;
        public string Id { get; } = id;
        public NegotiationRequest Request { get; } = request;
        public string Phase { get; private set; } = "draft";
        public int Round { get; private set; } = 1;
        public JsonObject? View { get; private set; }
        public Dictionary<string, int> Invitations { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Answered { get; } = new(StringComparer.Ordinal);
        public HashSet<int> Revised { get; } = [];
        public HashSet<string> Decided { get; } = new(StringComparer.Ordinal);

        /// <summary>Everyone consulted: the partners, then a multi-area agreement's authorities (their LSP leads endorse like partners).</summary>
        private IEnumerable<(string? Id, string? Name)> Consulted() =>
            Request.Partners!.Select(p => (p?.Id, p?.Name)).Concat((Request.Authorities ?? []).Select(a => (a?.Id, a?.Name)));

        public int ConsultedCount => Consulted().Count();

        public int? PartnerIndex(string partnerId)
        {
            var i = 0;
            foreach (var (id, _) in Consulted())
            {
                if (id == partnerId)
                {
                    return i;
                }
                i++;
            }
            return null;
        }

        public string PartnerName(string partnerId) => Consulted().FirstOrDefault(p => p.Id == partnerId).Name ?? partnerId;

        /// <summary>Emails the outbox holds for this negotiation, as the driver has read them.</summary>
        public int Emails { get; set; }

        /// <summary>Takes the latest view; returns the phase it left, if it moved on.</summary>
        public string? Update(JsonObject view)
        {
            var before = Phase;
            View = view;
            Phase = view["phase"]?.GetValue<string>() ?? Phase;
            Round = view["round"]?.GetValue<int>() ?? Round;
            return Phase == before ? null : before;
        }

        /// <summary>How many timeline entries of <paramref name="kind"/> the negotiation has.</summary>
        public int Count(string kind) => (View?["timeline"] as JsonArray ?? []).Count(t => t?["kind"]?.GetValue<string>() == kind);

        public IEnumerable<(DateTimeOffset At, string Text)> NewTimelineEntries(JsonObject view)
        {
            foreach (var entry in view["timeline"] as JsonArray ?? [])
            {
                if (entry is not null && _timelineSeen.Add(entry.ToJsonString()))
                {
                    yield return (entry["at"]?.GetValue<DateTimeOffset>() ?? default, entry["text"]?.GetValue<string>() ?? entry.ToJsonString());
                }
            }
        }

        public bool HasChangesRequested(JsonObject view) =>
            (view["partners"] as JsonArray ?? []).Any(p => p?["status"]?.GetValue<string>() == "changesRequested");

        /// <summary>The LSP lead's answer to requested changes: the same targets with the last year eased by a tenth.</summary>
        public IReadOnlyList<TargetRequest?> RevisedTargets() =>
        [
            .. Request.Targets!.Select(t => t is null || t.Trajectory is null ? t : t with
            {
                Trajectory = t.Trajectory.ToDictionary(
                    pair => pair.Key,
                    pair => pair.Key == "2010/11" && t.Baseline is { } baseline ? Math.Round(pair.Value - ((pair.Value - baseline) / 10m), 1) : pair.Value),
            }),
        ];

        /// <summary>How the lead was chased and warned, if at all: a stalled negotiation must be seen chased before it lapses.</summary>
        private string? Chasing()
        {
            var (reminded, escalated, warned) = (Count("lead-reminded"), Count("lead-escalated"), Count("signoff-warning"));
            return reminded + escalated + warned == 0
                ? null
                : $"Chased: the LSP lead reminded {reminded} time(s), escalated {escalated} time(s); warned {warned} time(s) before the sign-off deadline.";
        }

        public DemoOutcome Outcome()
        {
            // A refresh is endorsed by the partners it concerns; the others were not asked.
            var partners = new JsonArray([.. (View?["partners"] as JsonArray ?? []).Where(p => Year is null || p?["status"]?.GetValue<string>() != "pending").Select(p => p?.DeepClone())]);
            var endorsed = partners.Count(p => p?["status"]?.GetValue<string>() == "endorsed");
            var outcome = View?["outcome"];
            var document = View?["documentUrl"]?.GetValue<string>();
            var details = outcome?["summary"]?.GetValue<string>() ?? "";
            if (Chasing() is { } chasing)
            {
                details = $"{details} {chasing}".Trim();
            }

            if (View?["authorities"] is JsonArray authorities)
            {
                // A multi-area agreement says which areas it joins and what it is about.
                details = $"{DemoConsole.MultiArea(
                    [.. authorities.Select(a => a?["name"]?.GetValue<string>() ?? "")],
                    [.. (View["themes"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "")])} {details}".Trim();
            }

            if (document is null && outcome?["reasons"] is JsonArray reasons && Phase != "withdrawn")
            {
                // An agreement that was not signed off says why: who objected, who had not answered.
                details = $"{details} {string.Join(" ", reasons.Select(r => r?.GetValue<string>()))}".Trim();
            }
            return new DemoOutcome(Area, Phase, endorsed, partners.Count, outcome?["at"]?.GetValue<DateTimeOffset>(), details,
                Phase is "finalised" or "deadlineMissed" or "withdrawn", document, Year is null ? null : $"{Year} refresh");
        }
    }
}
