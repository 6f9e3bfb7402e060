using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Negotiation.Tests.Support;

/// <summary>
/// The waits of a scenario: the engine runs on real time, so a scenario waits for its calendar to reach an instant, or
/// for a condition with a deadline, never for a fixed time.
/// </summary>
internal sealed partial class NegotiationScenario
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(150);

    /// <summary>Waits until the calendar reads <paramref name="business"/>.</summary>
    public async Task WaitUntilAsync(DateTime business)
    {
        var delay = Pace.ToReal(business) - DateTime.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay);
        }
    }

    /// <summary>Waits until the calendar reads <paramref name="business"/> and the effects due then have had time to land.</summary>
    public Task WaitPastAsync(DateTime business) => WaitUntilAsync(business + ScenarioBackend.Lateness);

    /// <summary>Probes until <paramref name="done"/> holds, failing with <paramref name="what"/> after a generous deadline.</summary>
    public async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Waited {s_patience.TotalSeconds:0} s (business time now {Now:O}) for {what}.");
            }

            await Task.Delay(s_poll);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> emails of a kind (to <paramref name="to"/>, when given) have gone out, and
    /// checks each went out when it is dated, give or take the engine's latency: the date is what the scenario
    /// asserts, this is what keeps a rehearsal's dates honest about when the engine acted.
    /// </summary>
    public async Task<IReadOnlyList<SentEmail>> WaitForEmailsAsync(EmailKind kind, int count, string? to = null)
    {
        var sent = await WaitForAsync(
            () => Task.FromResult<IReadOnlyList<SentEmail>>([.. Emails.Of(kind).Where(e => to is null || e.To == to)]),
            sent => sent.Count >= count,
            $"{count} {kind} email(s){(to is null ? "" : " to " + to)}");
        foreach (var email in sent)
        {
            Assert.True(
                email.SentAt >= email.At - Backend.Earliness && email.SentAt <= email.At + Backend.EngineLateness,
                $"{email.Kind} to {email.To} dated {email.At:O} went out at {email.SentAt:O} (up to {Backend.EngineLateness.TotalDays:0.#} business days after its date).");
        }

        return sent;
    }

    /// <summary>
    /// Waits until every partner of round 1 has been invited and the read model shows it: the answer sink reads the
    /// read model, so a partner answers only once their invitation is recorded there (as a real partner, who answers the
    /// email, always does).
    /// </summary>
    public async Task<IReadOnlyList<SentEmail>> WaitForConsultationAsync(string id)
    {
        var partners = (await GetAsync(id)).Partners.Count;
        var invitations = await WaitForEmailsAsync(EmailKind.PartnerInvitation, partners);
        await WaitForViewAsync(
            id, v => v.Phase == NegotiationPhase.Consultation && v.Timeline.Count(t => t.Kind == "invited") == partners, "every partner's invitation in the read model");
        return invitations;
    }

    /// <summary>Waits until the read model satisfies <paramref name="done"/>.</summary>
    public Task<AgreementView> WaitForViewAsync(string id, Func<AgreementView, bool> done, string what) =>
        WaitForAsync(() => GetAsync(id), done, what);

    /// <summary>Waits until the read model shows <paramref name="phase"/>.</summary>
    public Task<AgreementView> WaitForPhaseAsync(string id, NegotiationPhase phase) =>
        WaitForViewAsync(id, v => v.Phase == phase, $"phase {phase}");

    /// <summary>Waits until the orchestration has completed and its read model says so.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(s_patience);
        var completed = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
        await WaitForViewAsync(id, v => v.RuntimeStatus == "Completed", "the read model to show the negotiation completed");
        return completed;
    }

    /// <summary>Asserts that <paramref name="actual"/> came at <paramref name="expected"/>: not before it (but for the backend's timer rounding), and late by no more than <see cref="ScenarioBackend.Lateness"/>.</summary>
    public void AssertAround(DateTime expected, DateTime? actual, string what = "")
    {
        Assert.NotNull(actual);
        Assert.True(
            actual.Value >= expected - Backend.Earliness && actual.Value <= expected + ScenarioBackend.Lateness,
            $"{what} at {actual.Value:O}; expected {expected:O} (up to {ScenarioBackend.Lateness.TotalHours:0.#} business hours late).");
    }

    /// <summary>Asserts each instant in turn with <see cref="AssertAround(DateTime, DateTime?, string)"/>.</summary>
    public void AssertAround(IReadOnlyList<DateTime> expected, IEnumerable<DateTime> actual, string what = "")
    {
        var list = actual.ToList();
        Assert.True(expected.Count == list.Count, $"{what}: {list.Count} instants ({string.Join(", ", list.Select(a => a.ToString("O")))}); expected {expected.Count}.");
        for (var i = 0; i < expected.Count; i++)
        {
            AssertAround(expected[i], list[i], $"{what} #{i + 1}");
        }
    }
}
