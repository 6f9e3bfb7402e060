using System.Net;
using System.Text.Json.Nodes;
using LaaWorkflow.Simulation.Areas;
using LaaWorkflow.Simulation.Measuring;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>
/// Plays one national round against running hosts through their public API only: starts every area's negotiation on
/// one shared rehearsal calendar, reads the emails sent and answers as the partners, LSP leads and Government Office
/// negotiators would when the calendar reaches the instant each planned to act, until the sign-off deadline has passed.
/// </summary>
internal sealed class NationalRound(IReadOnlyList<HostClient> hosts, IReadOnlyList<SimulatedArea> areas, RoundCalendar calendar, TextWriter log)
{
    private const int Concurrency = 8;

    /// <summary>The round is played until the morning after the sign-off deadline.</summary>
    public static readonly DateTimeOffset End = new(2008, 7, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long after the calendar reaches <see cref="End"/> the driver still waits for the last notices.</summary>
    private static readonly TimeSpan s_grace = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, AreaState> _byId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<PlannedAction> _planned = [];
    private readonly Dictionary<string, long> _emails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _phases = new(StringComparer.Ordinal);
    private readonly List<double> _actionLateness = [];
    private int _next;
    private int _finished;
    private DateTimeOffset _now;

    public DateTimeOffset Now => _now;

    public RoundCalendar Calendar => calendar;

    public int Finished => Volatile.Read(ref _finished);

    public IReadOnlyCollection<AreaState> States => _byId.Values;

    /// <summary>Emails read from the outbox, by category.</summary>
    public IReadOnlyDictionary<string, long> Emails => _emails;

    /// <summary>What the simulated people did (answers, revisions, decisions), including refusals, by kind.</summary>
    public IReadOnlyDictionary<string, long> Actions => _actions;

    /// <summary>Where the driver's wall time went, by part of a look.</summary>
    public IReadOnlyDictionary<string, double> PhaseSeconds => _phases;

    /// <summary>How many times the driver looked at the outbox and its plans.</summary>
    public int Steps { get; private set; }

    /// <summary>Emails that only a catch-up read found: stored more than two seconds after the instant stamped on them.</summary>
    public int EmailsFoundLate { get; private set; }

    /// <summary>How late (real seconds) the driver carried out each planned action after the calendar reached its instant.</summary>
    public IReadOnlyList<double> ActionLatenessSeconds
    {
        get
        {
            lock (_actionLateness)
            {
                return [.. _actionLateness];
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _now = calendar.BusinessNow;
        var started = new List<AreaState>();
        await Parallel.ForEachAsync(areas, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (area, ct) =>
        {
            var id = await NextHost().StartAsync(calendar.Rehearse(area.Request), ct);
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
        // The outbox is read by when messages were stored (real time), from a little before the last read.
        var readFrom = calendar.StartedAt.AddMinutes(-10);
        var catchUp = new CatchUpReads(DateTimeOffset.UtcNow);
        // Look about four times a business day, and at least once a second.
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(calendar.SecondsPerDay / 4, 0.1, 1)));
        var endReal = calendar.RealAt(End);
        while (true)
        {
            var real = DateTimeOffset.UtcNow;
            _now = calendar.BusinessAt(real);
            await Timed("read the outbox", async () =>
            {
                if (catchUp.Due(real) is { } from)
                {
                    await ReadMailAsync(from, readFrom, cancellationToken);
                }

                await ReadMailAsync(readFrom, null, cancellationToken);
                return true;
            });
            // Again from two seconds before this read: a table write takes its stamp before it lands, so one landing
            // just after the read may carry a slightly earlier one.
            readFrom = real.AddSeconds(-2);
            await Timed("answer, revise, decide", async () =>
            {
                await ActAsync(cancellationToken);
                return true;
            });
            Steps++;
            if ((_now - lastReport).TotalDays >= 14)
            {
                lastReport = _now;
                log.WriteLine($"  {_now:yyyy-MM-dd}  finished {Finished}/{areas.Count}, emails {_emails.Values.Sum()}, planned {_planned.Count}");
            }

            if (real >= endReal && (Finished >= areas.Count || real >= endReal + s_grace))
            {
                break;
            }

            await Timed("wait for the calendar", async () => await ticks.WaitForNextTickAsync(cancellationToken));
        }

        log.WriteLine($"  {_now:yyyy-MM-dd}  finished {Finished}/{areas.Count}, emails {_emails.Values.Sum()}, planned {_planned.Count}");
    }

    /// <summary>Reads the mail stored since <paramref name="since"/>; what is new and stamped before <paramref name="coveredFrom"/> was missed by earlier reads.</summary>
    private async Task ReadMailAsync(DateTimeOffset since, DateTimeOffset? coveredFrom, CancellationToken cancellationToken)
    {
        foreach (var message in await hosts[0].ReadOutboxAsync(since, cancellationToken))
        {
            var id = message["id"]?.GetValue<string>();
            if (id is null || !_seen.Add(id))
            {
                continue;
            }

            if (coveredFrom is not null && message["storedAt"]?.GetValue<DateTimeOffset>() < coveredFrom)
            {
                EmailsFoundLate++;
            }

            var category = message["category"]?.GetValue<string>() ?? "unknown";
            _emails[category] = _emails.GetValueOrDefault(category) + 1;
            if (!_byId.TryGetValue(message["negotiationId"]?.GetValue<string>() ?? "", out var state))
            {
                continue;
            }

            // A rehearsal's mail is dated on its calendar, on which people plan.
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
            "answer" => async (host, ct) =>
            {
                var status = await host.AnswerAsync(reaction.Link!, reaction.Decision!, Comment(reaction.Decision!), ct);
                if ((int)status >= 400)
                {
                    // Named so the host log's reason for the refusal can be found.
                    log.WriteLine($"  {_now:yyyy-MM-dd}  {state.Area.Request.Area} ({state.Id}): the answer of {reaction.PartnerId} was refused with {(int)status}");
                }

                return Count("answer:" + reaction.Decision, status);
            }
            ,
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
        List<PlannedAction> due;
        lock (_planned)
        {
            due = [.. _planned.Where(p => p.Due <= _now).OrderBy(p => p.Due)];
            foreach (var action in due)
            {
                _planned.Remove(action);
            }
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (action, ct) =>
            {
                var late = (DateTimeOffset.UtcNow - calendar.RealAt(action.Due)).TotalSeconds;
                lock (_actionLateness)
                {
                    _actionLateness.Add(late);
                }

                await action.Act(NextHost(), ct);
            });
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
