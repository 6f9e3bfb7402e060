using System.Globalization;
using LaaWorkflow.Email;
using LaaWorkflow.Email.Answers;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Tests.Support;
using LaaWorkflow.Testing;
using Microsoft.DurableTask.Client;
using AnswerDecision = LaaWorkflow.Email.Answers.AnswerDecision;
using DomainSource = LaaWorkflow.Negotiation.Domain.AnswerSource;

namespace LaaWorkflow.Negotiation.Tests.Scenarios;

/// <summary>
/// The negotiation scenarios the issue lists, each asserting the emails (to whom, which kind, roughly when), the
/// timeline, the read model and the final state. Each runs as a rehearsal on the compact timetable of
/// <see cref="Requests.Compact"/>, waiting in real time for its calendar. The scenarios come in abstract classes by
/// subject, and the durable backend is chosen by <see cref="Backend"/> alone: each backend derives every subject's
/// class once (InMemoryNegotiationScenarios.cs, AzureStorageNegotiationScenarios.cs). Each derived class is a test
/// collection of its own, so the scenarios, which mostly wait for their calendars, run side by side.
/// </summary>
public abstract class NegotiationScenarios(AzuriteFixture azurite)
{
    // Consultation 3 March 09:00 to 7 March 09:00 2008, sign-off 9 March; reminders 3 and 1 days before, escalation daily.
    private protected static readonly DateTime s_opens = Requests.Compact.Opens;
    private protected static readonly DateTime s_deadline = Requests.Compact.ResponseDeadline;
    private protected static readonly DateTime s_signOff = Requests.Compact.SignOff;

    /// <summary>The one place the durable backend (and the pace that suits it) is chosen.</summary>
    private protected abstract ScenarioBackend Backend { get; }

    private protected Task<NegotiationScenario> StartAsync() => NegotiationScenario.StartAsync(azurite, Backend);

    private protected static string Day(DateTime at) => at.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
