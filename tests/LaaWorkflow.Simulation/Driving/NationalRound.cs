using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Simulation.Areas;
using LaaWorkflow.Simulation.Measuring;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>
/// Plays one national round against running hosts through their public API only: starts every area's negotiation,
/// moves every host's virtual clock a day at a time to the same instant, reads the emails sent and answers as the
/// partners, LSP leads and Government Office negotiators would, until the sign-off deadline has passed.
/// </summary>
internal sealed class NationalRound(IReadOnlyList<HostClient> hosts, IReadOnlyList<SimulatedArea> areas, Func<CancellationToken, Task<(int Control, int WorkItems)>> queueDepths, TextWriter log)
{
    private const int Concurrency = 8;

    /// <summary>The clock runs until the morning after the sign-off deadline.</summary>
    public static readonly DateTimeOffset End = new(2008, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, AreaState> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<PlannedAction> _planned = [];
    private readonly Dictionary<string, long> _emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _phases = new(StringComparer.Ordinal);
    private int _next;
    private int _finished;
    private DateTimeOffset _now;

    public DateTimeOffset Now => _now;

    public int Finished => Volatile.Read(ref _finished);

    public IReadOnlyCollection<AreaState> States => _byId.Values;

    /// <summary>Emails read from the outbox, by category.</summary>
    public IReadOnlyDictionary<string, long> Emails => _emails;

    /// <summary>What the simulated people did (answers, revisions, decisions), including refusals, by kind.</summary>
    public IReadOnlyDictionary<string, long> Actions => _actions;

    /// <summary>Where the driver's wall time went, by phase of a step.</summary>
    public IReadOnlyDictionary<string, double> PhaseSeconds => _phases;

    /// <summary>How many times the clocks were moved.</summary>
    public int Steps { get; private set; }

    /// <summary>Days the driver had to re-settle the hosts because work was still queued after every clock had moved.</summary>
    public int ExtraSettles { get; private set; }

    public async Task StartAsync(DateTimeOffset clockStart, CancellationToken cancellationToken)
    {
        _now = clockStart;
        var started = new List<AreaState>();
        await Parallel.ForEachAsync(areas, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (area, ct) =>
        {
            var id = await NextHost().StartAsync(area.Request, ct);
            lock (started)
            {
                started.Add(new AreaState(area, id));
            }
        });
        foreach (var state in started.OrderBy(s => s.Area.Index))
        {
            _byId[state.Id] = state;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var lastReport = _now;
        while (_now < End)
        {
            var previous = _now;
            var target = await Timed("plan the next step", () => NextStopAsync(cancellationToken));
            await Timed("advance the clocks (hosts settle)", async () =>
            {
                await AdvanceAsync(target, cancellationToken);
                return true;
            });
            _now = target;
            await Timed("read the outbox", async () =>
            {
                await ReadMailAsync(previous, cancellationToken);
                return true;
            });
            await Timed("answer, revise, decide", async () =>
            {
                await ActAsync(cancellationToken);
                return true;
            });
            Steps++;
            if ((_now - lastReport).TotalDays >= 14 || _now >= End)
            {
                lastReport = _now;
                log.WriteLine($"  {_now:yyyy-MM-dd}  finished {Finished}/{areas.Count}, emails {_emails.Values.Sum()}, planned {_planned.Count}");
            }
        }

        // The last answers and notices land with the final settle.
        await AdvanceAsync(_now, cancellationToken);
        await ReadMailAsync(_now, cancellationToken);
    }

    /// <summary>
    /// A day on, or further when nothing can happen before: no host has a timer due and nobody plans to act until later.
    /// Nobody reacts to an email sooner than a day after it, so a day is the longest step that never makes anyone late.
    /// </summary>
    private async Task<DateTimeOffset> NextStopAsync(CancellationToken cancellationToken)
    {
        var day = _now.AddDays(1);
        lock (_planned)
        {
            if (_planned.Any(p => p.Due <= day))
            {
                return day > End ? End : day;
            }
        }

        // Only a quiet system shows every timer it will set: the last step's answers (or the starts) may still be at work.
        await AdvanceAsync(_now, cancellationToken);
        var clocks = await Task.WhenAll(hosts.Select(h => h.ClockAsync(cancellationToken)));
        var nextTimer = clocks.Select(c => c.NextTimerDueAt ?? End).Min();
        DateTimeOffset nextPlan;
        lock (_planned)
        {
            nextPlan = _planned.Count == 0 ? End : _planned.Min(p => p.Due);
        }

        var next = nextTimer < nextPlan ? nextTimer : nextPlan;
        var target = next > day ? next : day;
        return target > End ? End : target;
    }

    /// <summary>Moves every host's clock to the same instant, then settles until no work is queued anywhere.</summary>
    private async Task AdvanceAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        await Task.WhenAll(hosts.Select(h => h.AdvanceClockAsync(target, cancellationToken)));
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var (control, workItems) = await queueDepths(cancellationToken);
            if (control + workItems == 0)
            {
                return;
            }

            // Work one host caused for a partition another host owns; advancing to the same time settles again.
            ExtraSettles++;
            await Task.WhenAll(hosts.Select(h => h.AdvanceClockAsync(target, cancellationToken)));
        }
    }

    private async Task ReadMailAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        foreach (var message in await hosts[0].ReadOutboxAsync(since, cancellationToken))
        {
            var id = message["id"]?.GetValue<string>();
            if (id is null || !_seen.Add(id))
            {
                continue;
            }

            var category = message["category"]?.GetValue<string>() ?? "unknown";
            _emails[category] = _emails.GetValueOrDefault(category) + 1;
            if (!_byId.TryGetValue(message["negotiationId"]?.GetValue<string>() ?? "", out var state))
            {
                continue;
            }

            var sentAt = message["sentAt"]?.GetValue<DateTimeOffset>() ?? _now;
            if (category is "FinalAgreementNotice" or "DeadlineMissedNotice" && state.EndedAs is null && message["partnerId"] is null
                && string.Equals(message["to"]?.GetValue<string>(), state.Area.Request.LspLead!.Email, StringComparison.OrdinalIgnoreCase))
            {
                state.EndedAs = category == "FinalAgreementNotice" ? "finalised" : "deadlineMissed";
                state.EndedAt = sentAt;
                Interlocked.Increment(ref _finished);
            }

            if (SimulatedAnswers.React(state, message) is { } reaction)
            {
                Plan(state, sentAt.AddDays(reaction.AfterDays), reaction);
            }
        }
    }

    private void Plan(AreaState state, DateTimeOffset due, SimulatedAnswers.Reaction reaction)
    {
        lock (_planned)
        {
            _planned.Add(Action(state, due, reaction));
        }
    }

    private PlannedAction Action(AreaState state, DateTimeOffset due, SimulatedAnswers.Reaction reaction) =>
        new(due, state, reaction.Kind, reaction.Kind switch
        {
            "answer" => async (host, ct) => Count("answer:" + reaction.Decision, await host.AnswerAsync(reaction.Link!, reaction.Decision!, Comment(reaction.Decision!), ct)),
            "revise" => async (host, ct) =>
            {
                var targets = AreaGenerator.Revise(state.Targets, reaction.PartnerId, state.RevisionsMade + 1);
                var status = await host.ReviseAsync(state.Id, targets, ct);
                if (status == HttpStatusCode.Conflict && _now < AreaGenerator.SignOff)
                {
                    // Not every partner of the round has answered yet: the lead tries again tomorrow.
                    Count("revision:not-yet", status);
                    Plan(state, _now.AddDays(1), reaction);
                    return true;
                }

                if ((int)status < 400)
                {
                    state.Targets = targets;
                    state.RevisionsMade++;
                }

                return Count("revision", status);
            }
            ,
            "decide" => async (host, ct) => Count(reaction.Approve ? "decision:approve" : "decision:reject",
                await host.DecideAsync(state.Id, reaction.Approve, reaction.Approve ? "Approved." : "The targets for the local economy need more stretch.", ct)),
            _ => throw new InvalidOperationException($"Unknown action {reaction.Kind}."),
        });

    private bool Count(string kind, HttpStatusCode status)
    {
        var key = (int)status < 400 ? kind : $"{kind} -> {(int)status}";
        lock (_actions)
        {
            _actions[key] = _actions.GetValueOrDefault(key) + 1;
        }

        return (int)status < 400;
    }

    private async Task ActAsync(CancellationToken cancellationToken)
    {
        var due = _planned.Where(p => p.Due <= _now).OrderBy(p => p.Due).ToList();
        foreach (var action in due)
        {
            _planned.Remove(action);
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (action, ct) => await action.Act(NextHost(), ct));
    }

    private async Task<T> Timed<T>(string phase, Func<Task<T>> work)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            return await work();
        }
        finally
        {
            _phases[phase] = _phases.GetValueOrDefault(phase) + watch.Elapsed.TotalSeconds;
        }
    }

    private HostClient NextHost() => hosts[(int)((uint)Interlocked.Increment(ref _next) % (uint)hosts.Count)];

    private static string Comment(string decision) => decision switch
    {
        "object" => "The proposed trajectory for our lead targets is not achievable with current funding.",
        "request-changes" => "Please phase the 2010/11 target more gently; the baseline is under review.",
        _ => "Endorsed on behalf of the partnership board.",
    };

    /// <summary>Reads every negotiation's final view and compares it with what the simulated answers imply.</summary>
    public async Task<List<AreaResult>> VerifyAsync(CancellationToken cancellationToken)
    {
        var results = new List<AreaResult>();
        await Parallel.ForEachAsync(_byId.Values, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (state, ct) =>
        {
            var view = await hosts[0].GetNegotiationAsync(state.Id, ct);
            var result = AreaResult.Compare(state, view);
            lock (results)
            {
                results.Add(result);
            }
        });
        return [.. results.OrderBy(r => r.Index)];
    }
}

/// <summary>One area's expected and actual ending.</summary>
internal sealed record AreaResult(int Index, string Area, string Id, AreaFate Fate, string ExpectedPhase, string ActualPhase, int Partners, int Endorsed, DateTimeOffset? EndedAt, IReadOnlyList<string> Mismatches)
{
    public bool Matches => Mismatches.Count == 0;

    public static AreaResult Compare(AreaState state, JsonObject? view)
    {
        var expected = state.Area.Expected();
        var mismatches = new List<string>();
        var phase = view?["phase"]?.GetValue<string>() ?? "missing";
        if (phase != expected.Phase)
        {
            mismatches.Add($"phase {phase}, expected {expected.Phase}");
        }

        var partners = (view?["partners"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var statuses = partners.ToDictionary(p => p["id"]?.GetValue<string>() ?? "", p => p["status"]?.GetValue<string>() ?? "", StringComparer.Ordinal);
        foreach (var (partner, status) in expected.PartnerStatuses)
        {
            var actual = statuses.GetValueOrDefault(partner, "missing");
            if (actual != status)
            {
                mismatches.Add($"{partner} {actual}, expected {status}");
            }
        }

        return new AreaResult(state.Area.Index, state.Area.Name, state.Id, state.Area.Fate, expected.Phase, phase, partners.Count,
            statuses.Values.Count(s => s == "endorsed"), view?["outcome"]?["at"]?.GetValue<DateTimeOffset>(), mismatches);
    }
}
