using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Validation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>The yearly refresh of a finalised agreement: a new version, negotiated as a negotiation of its own.</summary>
public sealed partial class NegotiationService
{
    /// <summary>
    /// Validates and starts the refresh of the finalised agreement (or refresh) <paramref name="id"/> for a year. Refused,
    /// with nothing stored, when the agreement is unknown or not finalised, a refresh of it still runs or has superseded
    /// it, the year was refreshed already, or the request is invalid. The same request again returns the refresh it started.
    /// </summary>
    public async Task<StartRefreshResult> StartRefreshAsync(string id, RefreshRequest? request, CancellationToken cancellationToken = default)
    {
        var record = InstanceIds.IsWellFormed(id) ? await _store.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return StartRefreshResult.Refused(NegotiationResult.NotFound($"There is no negotiation '{id}'."));
        }

        var summary = record.Summary;
        var previous = summary.Definition with { Targets = record.Targets };
        if (summary.Phase != NegotiationPhase.Finalised)
        {
            return StartRefreshResult.Refused(NegotiationResult.NotAllowed(
                $"Only a finalised agreement can be refreshed; the {Refresh.Label(previous)} for {previous.Area} is in phase '{Views.Camel(summary.Phase.ToString())}'."));
        }

        if (previous.MultiArea is not null)
        {
            // The 2007 Act's yearly refresh is of a Local Area Agreement; a multi-area agreement is renegotiated as a new one.
            return StartRefreshResult.Refused(NegotiationResult.NotAllowed(
                $"'{id}' is a multi-area agreement; the yearly refresh applies to Local Area Agreements only."));
        }

        var outcome = NegotiationValidator.ValidateRefresh(request, id, previous, RealNow);
        if (!outcome.IsValid)
        {
            return StartRefreshResult.Refused(NegotiationResult.Invalid(outcome.Errors!));
        }

        var refreshed = outcome.Value!;
        if (refreshed.Pace is not null && !_rehearsals.Enabled)
        {
            return StartRefreshResult.Refused(NegotiationResult.Invalid(
                "pace", "This host runs real negotiations only; a rehearsal's pace is accepted where Rehearsals:Enabled is set."));
        }

        var refreshId = Refresh.IdFor(refreshed.Refresh!.Original, refreshed.Refresh.Year);
        if (await _client.GetInstanceAsync(refreshId, getInputsAndOutputs: true, cancellationToken) is { } started)
        {
            // The id is the year's: the same proposal again is the same refresh; any other is a second one for the year.
            return SameProposal(started.ReadInputAs<AgreementInput>()?.Agreement, refreshed)
                ? new StartRefreshResult(NegotiationResult.Accepted(), refreshId, AlreadyStarted: true)
                : StartRefreshResult.Refused(NegotiationResult.NotAllowed(
                    $"{previous.Area}'s agreement was already refreshed for {refreshed.Refresh.Year} ({refreshId}, {Views.Camel(started.RuntimeStatus.ToString())})."));
        }

        foreach (var laterId in summary.Refreshes ?? [])
        {
            if (await _store.GetSummaryAsync(laterId, cancellationToken) is not { } later)
            {
                continue;
            }

            if (!later.Phase.IsTerminal())
            {
                return StartRefreshResult.Refused(NegotiationResult.NotAllowed(
                    $"The {Refresh.Label(later.Definition)} ({laterId}) is still running (phase '{Views.Camel(later.Phase.ToString())}'); one refresh at a time."));
            }

            if (later.Phase == NegotiationPhase.Finalised)
            {
                return StartRefreshResult.Refused(NegotiationResult.NotAllowed(
                    $"The {Refresh.Label(previous)} was superseded by the {Refresh.Label(later.Definition)} ({laterId}); refresh the latest version."));
            }
        }

        var existing = await _store.GetSummaryAsync(refreshId, cancellationToken);
        var createdAt = existing?.CreatedAt ?? refreshed.Pace.BusinessAt(RealNow);
        // The link first, then the read model, then the orchestration: each step is idempotent, so a start that fails
        // half-way is finished by the same request again.
        await _store.AddRefreshAsync(id, refreshId, cancellationToken);
        await _store.CreateAsync(refreshId, createdAt, refreshed, cancellationToken);
        await _client.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementOrchestrator), new AgreementInput(refreshId, createdAt, refreshed), new StartOrchestrationOptions(refreshId), cancellationToken);
        Logs.NegotiationStarted(_logger, refreshId, refreshed.Area, refreshed.Partners.Count, refreshed.Targets.Count);
        return new StartRefreshResult(NegotiationResult.Accepted(), refreshId, AlreadyStarted: false);
    }

    private static bool SameProposal(Agreement? started, Agreement proposed) =>
        started?.Refresh is { } refresh
        && refresh.Of == proposed.Refresh!.Of
        && started.Targets.Count == proposed.Targets.Count
        && started.Targets.Zip(proposed.Targets).All(pair => pair.First.SameAs(pair.Second))
        && started.Timetable.ConsultationOpens == proposed.Timetable.ConsultationOpens
        && started.Timetable.ResponseDeadline == proposed.Timetable.ResponseDeadline
        && started.Timetable.SignOffDeadline == proposed.Timetable.SignOffDeadline;
}

/// <summary>The result of starting a refresh.</summary>
/// <param name="Outcome">Accepted, or why not (404, 409, 400 naming the fields).</param>
/// <param name="RefreshId">The refresh's id (also its orchestration instance id), when started.</param>
/// <param name="AlreadyStarted">True when the same request had already started it.</param>
public sealed record StartRefreshResult(NegotiationResult Outcome, string? RefreshId, bool AlreadyStarted)
{
    internal static StartRefreshResult Refused(NegotiationResult outcome) => new(outcome, null, false);
}
