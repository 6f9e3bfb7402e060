namespace LaaWorkflow.Durable.AzureStorage.Tests.Delivery;

/// <summary>
/// Orchestrations whose results do not depend on the order of messages that may really arrive in either order, so
/// duplicated and reordered delivery must leave every result unchanged: a negotiation (activities in sequence, a
/// fan-out, two differently named answers, a timer, a sub-orchestration), a counter that continues as new on each
/// event, a parent whose child continues as new, and a race of an answer against a reminder timer.
/// </summary>
internal static class DeliveryWorkload
{
    public const string Negotiation = "DeliveryNegotiation";
    public const string Counter = "DeliveryCounter";
    public const string Parent = "DeliveryParent";
    public const string Looper = "DeliveryLooper";
    public const string Race = "DeliveryRace";
    public const int Invites = 3;
    public const int Scores = 5;

    /// <summary>Activity effects one negotiation applies (its partner sub-orchestration applies one more).</summary>
    public const int NegotiationEffects = Invites + Scores;

    public static string ExpectedNegotiation(string area) =>
        $"{area}:{string.Join(",", Enumerable.Range(0, Invites).Select(i => $"invited {area}-p{i}"))}" +
        $"|{Enumerable.Range(0, Scores).Sum(i => i * i)}|endorse+comment {area}|agreed {area}";

    public static void Register(DurableTaskRegistry registry, EffectLedger ledger)
    {
        registry
            .AddActivityFunc<string, string>("Invite", (ctx, partner) =>
            {
                ledger.Apply(ctx, $"invite {partner}");
                return $"invited {partner}";
            })
            .AddActivityFunc<int, int>("Score", (ctx, n) =>
            {
                ledger.Apply(ctx, $"score {n}");
                return n * n;
            })
            .AddActivityFunc<string, string>("Agree", (ctx, area) =>
            {
                ledger.Apply(ctx, $"agree {area}");
                return $"agreed {area}";
            })
            .AddOrchestratorFunc<string, string>("DeliveryPartner", (ctx, area) => ctx.CallActivityAsync<string>("Agree", area))
            .AddOrchestratorFunc<string, string>(Negotiation, async (ctx, area) =>
            {
                var invited = new List<string>();
                for (var i = 0; i < Invites; i++)
                {
                    invited.Add(await ctx.CallActivityAsync<string>("Invite", $"{area}-p{i}"));
                }

                var scores = await Task.WhenAll(Enumerable.Range(0, Scores).Select(i => ctx.CallActivityAsync<int>("Score", i)));
                var endorse = ctx.WaitForExternalEvent<string>("Endorse");
                var comment = ctx.WaitForExternalEvent<string>("Comment");
                await Task.WhenAll(endorse, comment);
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(1), CancellationToken.None);
                var agreed = await ctx.CallSubOrchestratorAsync<string>("DeliveryPartner", area, new SubOrchestrationOptions($"{ctx.InstanceId}-partner"));
                return $"{area}:{string.Join(",", invited)}|{scores.Sum()}|{endorse.Result}+{comment.Result} {area}|{agreed}";
            })
            .AddOrchestratorFunc<CounterState, int>(Counter, async (ctx, state) =>
            {
                var total = state.Total + await ctx.WaitForExternalEvent<int>("Add");
                if (total >= state.Target)
                {
                    return total;
                }

                ctx.ContinueAsNew(state with { Total = total });
                return total;
            })
            .AddOrchestratorFunc<int, int>(Looper, async (ctx, round) =>
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
                if (round < 3)
                {
                    ctx.ContinueAsNew(round + 1);
                }

                return round;
            })
            .AddOrchestratorFunc<string?, string>(Parent, async (ctx, _) =>
            {
                var rounds = await ctx.CallSubOrchestratorAsync<int>(Looper, 1, new SubOrchestrationOptions($"{ctx.InstanceId}-looper"));
                return $"looped {rounds}";
            })
            .AddOrchestratorFunc<string?, string>(Race, async (ctx, _) =>
            {
                using var reminder = new CancellationTokenSource();
                var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddHours(1), reminder.Token);
                var answer = ctx.WaitForExternalEvent<string>("Answer");
                if (await Task.WhenAny(answer, timer) == answer)
                {
                    reminder.Cancel();
                    return $"answered {await answer}";
                }

                // The reminder won the race; the answer that lost it is not lost: the same wait still takes it.
                return $"reminded, then answered {await answer}";
            });
    }
}

/// <summary>The counter's state, carried from one execution to the next.</summary>
internal sealed record CounterState(int Total, int Target);
