using LaaWorkflow.AzureStorage.Tables;
using LaaWorkflow.Durable;

namespace LaaWorkflow.Durable.AzureStorage.TestHost;

/// <summary>
/// The orchestrations both the child hosts and the tests know: a negotiation that invites partners in sequence,
/// scores them in a fan-out, waits on a durable timer and calls a sub-orchestration. Every activity applies one
/// effect, keyed by its idempotency key, so a rerun after a crash is recognised and applies nothing twice.
/// </summary>
public static class Workload
{
    public const string Orchestrator = "CrashNegotiation";
    public const string Partner = "CrashPartner";
    public const int SequentialInvites = 3;
    public const int FanOutScores = 4;

    /// <summary>Effects each parent instance applies itself (its child applies one more).</summary>
    public const int EffectsPerParent = SequentialInvites + FanOutScores;

    public static string ExpectedOutput(string area) =>
        $"{area}:{string.Join(",", Enumerable.Range(0, SequentialInvites).Select(i => $"invited {area}-p{i}"))}|{Enumerable.Range(0, FanOutScores).Sum(i => i * i)}|agreed {area}";

    public static void Register(DurableTaskRegistry registry, TableClient effects, CrashPoints crash)
    {
        registry
            .AddActivityFunc<string, string>("Invite", async (ctx, partner) =>
            {
                await ApplyAsync(effects, ctx, crash);
                return $"invited {partner}";
            })
            .AddActivityFunc<int, int>("Score", async (ctx, n) =>
            {
                await ApplyAsync(effects, ctx, crash);
                return n * n;
            })
            .AddActivityFunc<string, string>("Agree", async (ctx, area) =>
            {
                await ApplyAsync(effects, ctx, crash);
                return $"agreed {area}";
            })
            .AddOrchestratorFunc<string, string>(Partner, (ctx, area) => ctx.CallActivityAsync<string>("Agree", area))
            .AddOrchestratorFunc<string, string>(Orchestrator, async (ctx, area) =>
            {
                var invited = new List<string>();
                for (var i = 0; i < SequentialInvites; i++)
                {
                    invited.Add(await ctx.CallActivityAsync<string>("Invite", $"{area}-p{i}"));
                }

                var scores = await Task.WhenAll(Enumerable.Range(0, FanOutScores).Select(i => ctx.CallActivityAsync<int>("Score", i)));
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
                var agreed = await ctx.CallSubOrchestratorAsync<string>(Partner, area, new SubOrchestrationOptions($"{ctx.InstanceId}-partner"));
                return $"{area}:{string.Join(",", invited)}|{scores.Sum()}|{agreed}";
            });
    }

    /// <summary>The effect: one row per activity execution key; a rerun finds its row and changes nothing.</summary>
    private static async Task ApplyAsync(TableClient effects, TaskActivityContext ctx, CrashPoints crash)
    {
        var row = new TableEntity(ctx.InstanceId, $"{ctx.ExecutionId}-{ctx.TaskId}") { ["Activity"] = ctx.Name.Name };
        try
        {
            await effects.AddEntityAsync(row);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Applied by an earlier run that crashed before reporting: at-least-once delivery, exactly-once effect.
        }

        await crash.HitAsync("during-activity");
    }
}
