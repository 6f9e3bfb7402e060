using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>
/// Plays the 2008 round against a running host through its public API only: starts the eleven
/// demonstration negotiations as rehearsals sharing one calendar (November to July in a couple of
/// minutes), and answers as the partners, the LSP leads and the Government Office negotiators
/// would, through the links they were emailed.
/// </summary>
internal sealed partial class DemoDriver(DemoOptions options, DemoApi api)
{
    private static readonly string[] s_finalPhases = ["finalised", "deadlineMissed", "withdrawn"];

    private readonly List<Negotiation> _negotiations = [];
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);
    /// <summary>What simulated people will do, when (on the round's calendar), and how far ahead of it the calendar of the negotiation concerned runs.</summary>
    private readonly List<(DateTimeOffset Due, string Label, Func<CancellationToken, Task> Act, TimeSpan Ahead)> _planned = [];
    private readonly HashSet<string> _stagesReached = new(StringComparer.Ordinal);
    private DateTimeOffset _now;
    private DemoPace? _pace;
    private bool _refreshStarted;
    private (int Year, int Month) _month;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await WaitForHostAsync(cancellationToken);
        var pace = new DemoPace(options.From, DateTimeOffset.UtcNow, options.SecondsPerDay);
        _pace = pace;
        _now = pace.Now;
        DemoConsole.Note($"Rehearsal calendar at {_now:yyyy-MM-dd HH:mm} UTC, one business day every {pace.SecondsPerDay:0.###} s. Starting the demonstration negotiations...");
        // The eleven demonstration LAAs, then the Tees Valley MAA beside them.
        var requests = options.Requests ?? [.. DemoNegotiations.All(), DemoMultiAreas.TeesValley()];
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var name = NameOf(request);
            if (options.Areas.Count > 0 && !options.Areas.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            var id = await api.StartAsync(request, pace, cancellationToken);
            _negotiations.Add(new Negotiation(name, i, id, request));
            DemoConsole.Line(_now, name, request.Authorities is { } authorities
                ? $"multi-area agreement started ({authorities.Count} authorities, {request.Partners!.Count} partners, {request.Targets!.Count} targets), id {id}"
                : $"started ({request.Partners!.Count} partners, {request.Targets!.Count} targets), id {id}");
        }

        // Look at the mail about twice a business day, and at least every two seconds.
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(pace.SecondsPerDay / 2, 0.1, 2)));
        while (!AllFinal() && _now < options.Until)
        {
            _now = pace.Now;
            MonthHeading();
            await ReadMailAsync(cancellationToken);
            await ActOnPlansAsync(cancellationToken);
            await ReportProgressAsync(cancellationToken);
            await ticks.WaitForNextTickAsync(cancellationToken);
        }
        // Let the last answers and finalisations land before summing up.
        await ReportProgressAsync(cancellationToken);
        var outcomes = _negotiations.Select(n => n.Outcome()).ToList();
        DemoConsole.Summary(outcomes, new DemoTotals(
            _negotiations.Sum(n => n.Count("reminded")), _negotiations.Sum(n => n.Count("escalated")),
            _negotiations.Sum(n => n.Count("lead-reminded")), _negotiations.Sum(n => n.Count("lead-escalated")),
            _negotiations.Sum(n => n.Count("signoff-warning")), _negotiations.Sum(n => n.Emails)));
        return outcomes.All(o => o.IsFinal) ? 0 : 1;
    }

    /// <summary>At the start of each business month: its name and how far the round has got.</summary>
    private void MonthHeading()
    {
        if ((_now.Year, _now.Month) == _month)
        {
            return;
        }
        _month = (_now.Year, _now.Month);
        var finished = _negotiations.Count(n => s_finalPhases.Contains(n.Phase));
        DemoConsole.Heading(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{_now:MMMM yyyy}: {finished} of {_negotiations.Count} negotiations finished ({_negotiations.Count(n => n.Phase == "finalised")} signed off)"));
    }

    /// <summary>The first time any negotiation reaches a stage of the round, a heading says so.</summary>
    private void StageHeading(Negotiation negotiation)
    {
        var stage = negotiation.Phase switch
        {
            "consultation" => "Consultation: partners are asked to endorse their targets",
            "revision" => "Revision: LSP leads answer requested changes",
            "governmentOffice" => "Government Office decisions on agreed drafts",
            "finalised" => "Sign-off: agreements signed and published",
            "deadlineMissed" => "Missed deadlines: agreements not signed off in time",
            _ => null,
        };
        if (stage is not null && _stagesReached.Add(negotiation.Phase))
        {
            DemoConsole.Heading($"{stage} (first: {negotiation.Area})");
        }
    }

    /// <summary>An LAA's area, or an MAA's name.</summary>
    internal static string NameOf(NegotiationRequest request) => request.Area ?? request.Name ?? "";

    private bool AllFinal() => _negotiations.Count > 0 && _negotiations.All(n => s_finalPhases.Contains(n.Phase));

    private async Task WaitForHostAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await api.IsHealthyAsync(cancellationToken))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host at {options.BaseUrl} did not become healthy within two minutes.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>Reads new outbox messages and plans each recipient's reaction.</summary>
    private async Task ReadMailAsync(CancellationToken cancellationToken)
    {
        var messages = await api.ReadOutboxAsync(cancellationToken);
        // The outbox lists newest first; react in the order things were sent.
        foreach (var message in messages.Reverse().OfType<JsonObject>())
        {
            var id = message["id"]?.GetValue<string>();
            if (id is null || !_seenMessages.Add(id))
            {
                continue;
            }
            var negotiation = _negotiations.FirstOrDefault(n => n.Id == message["negotiationId"]?.GetValue<string>());
            if (negotiation is null)
            {
                continue;
            }
            negotiation.Emails++;
            var category = message["category"]?.GetValue<string>() ?? "";
            var partnerId = message["partnerId"]?.GetValue<string>();
            var link = AnswerLink().Match(message["text"]?.GetValue<string>() ?? "") is { Success: true } match ? new Uri(match.Value) : null;
            React(negotiation, category, partnerId, link);
        }
    }

    private void React(Negotiation negotiation, string category, string? partnerId, Uri? link)
    {
        if (partnerId is null || link is null || negotiation.PartnerIndex(partnerId) is not { } partnerIndex)
        {
            return;
        }
        var behaviour = SimulatedPartners.For(negotiation.Area, negotiation.AreaIndex, partnerIndex, negotiation.ConsultedCount);
        var invitations = negotiation.Invitations.GetValueOrDefault(partnerId);
        if (negotiation.Year is not null && category == "PartnerInvitation")
        {
            // A refresh asks only the partners whose targets it changes, and they agreed the change beforehand.
            negotiation.Invitations[partnerId] = ++invitations;
            PlanAnswer(negotiation, partnerId, link, 2, "endorse", "The refreshed targets were agreed at the partnership board; endorsed.");
            return;
        }

        switch (category)
        {
            case "PartnerInvitation":
                negotiation.Invitations[partnerId] = ++invitations;
                if (invitations > 1)
                {
                    // A revised draft: everyone who is asked again endorses it.
                    PlanAnswer(negotiation, partnerId, link, 2, "endorse", "The revision addresses our comments; endorsed.");
                }
                else if (behaviour is PartnerBehaviour.Prompt or PartnerBehaviour.Objects or PartnerBehaviour.RequestsChanges)
                {
                    var (decision, comment) = SimulatedPartners.FirstAnswer(behaviour);
                    PlanAnswer(negotiation, partnerId, link, SimulatedPartners.PromptDelayDays(negotiation.AreaIndex, partnerIndex), decision, comment);
                }
                break;
            case "PartnerReminder" when behaviour == PartnerBehaviour.AfterReminder && invitations <= 1:
            case "EscalationNotice" when behaviour == PartnerBehaviour.AfterEscalation && invitations <= 1:
                var (late, note) = SimulatedPartners.FirstAnswer(behaviour);
                PlanAnswer(negotiation, partnerId, link, 1, late, note);
                break;
            default:
                break;
        }
    }

    private void PlanAnswer(Negotiation negotiation, string partnerId, Uri link, int days, string decision, string comment)
    {
        var key = $"{partnerId}#{negotiation.Invitations.GetValueOrDefault(partnerId)}";
        if (!negotiation.Answered.Add(key))
        {
            return;
        }
        Plan(negotiation, _now.AddDays(days), $"{negotiation.Label}: {negotiation.PartnerName(partnerId)} answers {decision}", async ct =>
        {
            var status = await api.AnswerAsync(link, decision, comment, ct);
            if (status == System.Net.HttpStatusCode.TooManyRequests)
            {
                // Every simulated partner shares one address; try again the next day.
                negotiation.Answered.Remove(key);
                PlanAnswer(negotiation, partnerId, link, 1, decision, comment);
                return;
            }
            if ((int)status >= 400)
            {
                DemoConsole.Line(_now + negotiation.Ahead, negotiation.Label, $"{negotiation.PartnerName(partnerId)}'s link answered {(int)status}");
            }
        });
    }

    private void Plan(Negotiation negotiation, DateTimeOffset due, string label, Func<CancellationToken, Task> act) => _planned.Add((due, label, act, negotiation.Ahead));

    private async Task ActOnPlansAsync(CancellationToken cancellationToken)
    {
        var due = _planned.Where(p => p.Due <= _now).OrderBy(p => p.Due).ToList();
        foreach (var plan in due)
        {
            _planned.Remove(plan);
            // Dated on the calendar of the negotiation it is about, like the events it leads to.
            DemoConsole.Line(_now + plan.Ahead, "", $"-> {plan.Label}");
            try
            {
                await plan.Act(cancellationToken);
            }
            catch (HttpRequestException error)
            {
                DemoConsole.Line(_now + plan.Ahead, "", $"   failed: {error.Message}");
            }
        }
    }

    /// <summary>Prints what happened since the last look, and lets LSP leads revise where changes were asked for.</summary>
    private async Task ReportProgressAsync(CancellationToken cancellationToken)
    {
        // A copy: a refresh started on the way joins the list.
        foreach (var negotiation in _negotiations.ToList())
        {
            if (await api.GetNegotiationAsync(negotiation.Id, cancellationToken) is not JsonObject view)
            {
                continue;
            }
            if (negotiation.Update(view) is not null)
            {
                StageHeading(negotiation);
            }
            foreach (var entry in negotiation.NewTimelineEntries(view))
            {
                DemoConsole.Line(entry.At, negotiation.Label, entry.Text);
            }
            if (negotiation.Phase == "finalised" && negotiation.Year is null && options.PlayRefresh && !_refreshStarted)
            {
                await StartRefreshAsync(negotiation, cancellationToken);
            }
            // The Government Office negotiator approves a few days after the agreed draft reaches them.
            if (negotiation.Phase == "governmentOffice" && negotiation.Decided.Add($"round {negotiation.Round}"))
            {
                Plan(negotiation, _now.AddDays(3), $"{negotiation.Label}: Government Office approves",
                    ct => api.DecideAsync(negotiation.Id, approved: true, "Approved: the targets are stretching and agreed by every partner.", ct));
            }
            if (negotiation.Phase == "revision" && negotiation.HasChangesRequested(view) && negotiation.Revised.Add(negotiation.Round))
            {
                Plan(negotiation, _now.AddDays(3), $"{negotiation.Label}: the LSP lead revises the targets", ct => api.ReviseAsync(negotiation.Id, negotiation.RevisedTargets(), ct));
            }
        }
    }

    /// <summary>
    /// The first area signed off is refreshed for 2009 at once, on its own calendar from January 2009 at the round's
    /// speed: its consultation and sign-off take a few business weeks, so the round barely lasts longer.
    /// </summary>
    private async Task StartRefreshAsync(Negotiation agreement, CancellationToken cancellationToken)
    {
        _refreshStarted = true;
        var proposal = DemoRefreshes.For(agreement.Request);
        var pace = new DemoPace(DemoRefreshes.Anchor, DateTimeOffset.UtcNow, _pace!.SecondsPerDay);
        var id = await api.StartRefreshAsync(agreement.Id, proposal, pace, cancellationToken);
        _negotiations.Add(new Negotiation(agreement.Area, agreement.AreaIndex, id, agreement.Request with { Targets = proposal.Targets })
        {
            Year = proposal.Year,
            // Both calendars run at one speed, so the refresh's stays this far ahead of the round's.
            Ahead = pace.Anchor - _pace.Now,
        });
        DemoConsole.Heading($"Annual refresh: {agreement.Area}'s agreement is refreshed for {proposal.Year} (id {id})");
    }

    [GeneratedRegex(@"https?://[^\s<>""']+/api/respond/[^\s<>""']+")]
    private static partial Regex AnswerLink();
}
