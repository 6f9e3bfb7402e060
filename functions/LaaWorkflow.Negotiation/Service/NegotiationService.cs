using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Validation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>
/// What the host calls: start, read and list negotiations, and every action the LSP lead, the Government Office and
/// admins take on one. Each action checks the negotiation's phase first and says clearly why it is refused.
/// </summary>
public sealed partial class NegotiationService
{
    private readonly DurableTaskClient _client;
    private readonly IAgreementStore _store;
    private readonly TimeProvider _time;
    private readonly RehearsalOptions _rehearsals;
    private readonly ILogger<NegotiationService> _logger;

    internal NegotiationService(DurableTaskClient client, IAgreementStore store, TimeProvider time, RehearsalOptions rehearsals, ILogger<NegotiationService> logger)
    {
        _client = client;
        _store = store;
        _time = time;
        _rehearsals = rehearsals;
        _logger = logger;
    }

    /// <summary>Validates and starts a negotiation; invalid input starts nothing and stores nothing.</summary>
    /// <param name="request">The draft agreement.</param>
    /// <param name="idempotencyKey">When given, a repeated start with the same key returns the same negotiation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<StartNegotiationResult> StartAsync(NegotiationRequest? request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var outcome = NegotiationValidator.Validate(request, RealNow);
        if (!outcome.IsValid)
        {
            return new StartNegotiationResult(null, false, outcome.Errors);
        }

        var agreement = outcome.Value!;
        if (agreement.Pace is not null && !_rehearsals.Enabled)
        {
            return new StartNegotiationResult(null, false, new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["pace"] = ["This host runs real negotiations only; a rehearsal's pace is accepted where Rehearsals:Enabled is set."],
            });
        }

        var id = NegotiationIds.New(agreement.Area, string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim());
        if (idempotencyKey is not null && await _client.GetInstanceAsync(id, cancellation: cancellationToken) is not null)
        {
            return new StartNegotiationResult(id, true, null);
        }

        var existing = await _store.GetSummaryAsync(id, cancellationToken);
        var createdAt = existing?.CreatedAt ?? agreement.Pace.BusinessAt(RealNow);
        // The read model first, so the agreement can be read as soon as the caller has its id.
        await _store.CreateAsync(id, createdAt, agreement, cancellationToken);
        await _client.ScheduleNewOrchestrationInstanceAsync(
            nameof(AgreementOrchestrator), new AgreementInput(id, createdAt, agreement), new StartOrchestrationOptions(id), cancellationToken);
        Logs.NegotiationStarted(_logger, id, agreement.Area, agreement.Partners.Count, agreement.Targets.Count);
        return new StartNegotiationResult(id, false, null);
    }

    /// <summary>The agreement as it stands, or null when there is none with that id.</summary>
    public async Task<AgreementView?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.IsWellFormed(id))
        {
            return null;
        }

        var record = await _store.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var instance = await _client.GetInstanceAsync(id, cancellation: cancellationToken);
        var previous = record.Summary.Definition.Refresh is { } refresh ? await _store.GetAsync(refresh.Of, cancellationToken) : null;
        return Views.ToView(record, instance?.RuntimeStatus.ToString(), RealNow, previous?.Targets);
    }

    /// <summary>A page of negotiations, newest first.</summary>
    /// <param name="phase">Only this phase (camelCase or PascalCase name), or all.</param>
    /// <param name="area">Only this area, or all.</param>
    /// <param name="top">Page size, 1 to 1000 (default 50).</param>
    /// <param name="continuationToken">From the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, or the invalid arguments.</returns>
    public async Task<(AgreementListPage? Page, NegotiationResult? Error)> ListAsync(
        string? phase = null, string? area = null, int? top = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        NegotiationPhase? wanted = null;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            if (!Enum.TryParse<NegotiationPhase>(phase, ignoreCase: true, out var parsed) || int.TryParse(phase, out _))
            {
                return (null, NegotiationResult.Invalid("phase", $"'{phase}' is not a phase; expected one of: {string.Join(", ", Enum.GetNames<NegotiationPhase>().Select(Views.Camel))}."));
            }

            wanted = parsed;
        }

        var size = top ?? 50;
        if (size is < 1 or > 1000)
        {
            return (null, NegotiationResult.Invalid("top", "Must be between 1 and 1000."));
        }

        var page = await _store.ListAsync(wanted, area, size, string.IsNullOrWhiteSpace(continuationToken) ? null : continuationToken, cancellationToken);
        var items = new AgreementListItem[page.Items.Count];
        var realNow = RealNow;
        // Each row's runtime status is the engine's, not a guess from the phase: an orchestration that failed or was
        // terminated keeps the phase it had. A few reads at a time, so a long page does not flood the stores.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, items.Length),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var row = page.Items[i];
                var summary = _store.GetSummaryAsync(row.Id, token);
                var instance = _client.GetInstanceAsync(row.Id, cancellation: token);
                var read = await summary;
                // A multi-area agreement's row shows each authority's endorsement: that needs its consultations too.
                var partners = read?.Definition.MultiArea is null ? null : (await _store.GetAsync(row.Id, token))?.Partners;
                items[i] = Views.ToListItem(row, read, (await instance)?.RuntimeStatus.ToString(), realNow, partners);
            });
        return (new AgreementListPage { Items = items, ContinuationToken = page.ContinuationToken }, null);
    }

    /// <summary>The LSP lead's revision: accepted while partners are consulted (it re-consults only those it concerns) and while the negotiation waits for one.</summary>
    public async Task<NegotiationResult> ReviseAsync(string id, RevisionRequest? revision, CancellationToken cancellationToken = default)
    {
        var (summary, refusal) = await FindAsync(id, cancellationToken);
        if (summary is null)
        {
            return refusal!;
        }

        if (summary.Phase is not (NegotiationPhase.Revision or NegotiationPhase.Consultation))
        {
            return NotInPhase(summary, "a revision", NegotiationPhase.Consultation, NegotiationPhase.Revision);
        }

        var outcome = NegotiationValidator.ValidateRevision(revision, summary.Definition);
        if (!outcome.IsValid)
        {
            return NegotiationResult.Invalid(outcome.Errors!);
        }

        var revisionId = Guid.NewGuid().ToString("N");
        // Whom the lead is answering, as the lead saw it: the negotiation may not have taken in the latest request yet.
        var record = await _store.GetAsync(id, cancellationToken);
        IReadOnlyList<string> disputing =
        [
            .. (record?.Partners ?? []).Select(p => p.State)
                .Where(s => s.Status is PartnerStatus.Objected or PartnerStatus.ChangesRequested)
                .Select(s => s.PartnerId),
        ];
        await _client.RaiseEventAsync(id, RevisionEvent.Name, new RevisionEvent(outcome.Value!, NowIn(summary), revisionId, disputing), cancellationToken);
        Logs.ActionAccepted(_logger, id, "revision");
        return NegotiationResult.Accepted("The revision was handed to the negotiation.");
    }

    /// <summary>The Government Office negotiator's decision: accepted only while the draft waits for it; a rejection needs a comment.</summary>
    public Task<NegotiationResult> GovernmentOfficeDecisionAsync(string id, bool? approved, string? comment, CancellationToken cancellationToken = default) =>
        GovernmentOfficeDecisionAsync(id, approved, comment, office: null, cancellationToken);

    /// <summary>
    /// One Government Office's decision. <paramref name="office"/> names the region deciding, required where a
    /// multi-area agreement's authorities span several; each office decides once on each submission.
    /// </summary>
    public async Task<NegotiationResult> GovernmentOfficeDecisionAsync(string id, bool? approved, string? comment, string? office, CancellationToken cancellationToken = default)
    {
        // The whole record, read once: the phase decides whether a decision is taken, the timeline which submission it decides.
        var record = InstanceIds.IsWellFormed(id) ? await _store.GetAsync(id, cancellationToken) : null;
        if (record is null)
        {
            return NegotiationResult.NotFound($"There is no negotiation '{id}'.");
        }

        var summary = record.Summary;
        if (approved is null)
        {
            return NegotiationResult.Invalid("approved", "Required: true to approve, false to send the draft back.");
        }

        if (approved == false && string.IsNullOrWhiteSpace(comment))
        {
            return NegotiationResult.Invalid("comment", "A rejection needs a comment saying what must change.");
        }

        if (summary.Phase != NegotiationPhase.GovernmentOffice)
        {
            return NotInPhase(summary, "a Government Office decision", NegotiationPhase.GovernmentOffice);
        }

        // The decision names the submission waiting now, so a repeat that arrives after the draft moved on decides nothing.
        var submission = GovernmentOfficeLinks.CurrentSubmission(record);
        var (deciding, refusal) = DecidingOffice(record, submission, office);
        if (refusal is not null)
        {
            return refusal;
        }

        await _client.RaiseEventAsync(id, GovernmentOfficeDecisionEvent.Name,
            new GovernmentOfficeDecisionEvent(approved.Value, comment?.Trim(), NowIn(summary), Guid.NewGuid().ToString("N"), submission > 0 ? submission : null, deciding), cancellationToken);
        Logs.ActionAccepted(_logger, id, approved.Value ? "approval" : "rejection");
        return NegotiationResult.Accepted();
    }

    private DateTime RealNow => _time.GetUtcNow().UtcDateTime;

    /// <summary>The negotiation's business time now: what its answers, decisions and timeline are stamped with.</summary>
    private DateTime NowIn(AgreementSummaryRecord summary) => summary.Definition.Pace.BusinessAt(RealNow);

    private async Task<DateTime> NowInAsync(string id, CancellationToken cancellationToken) =>
        await _store.GetSummaryAsync(id, cancellationToken) is { } summary ? NowIn(summary) : RealNow;

    private async Task<(AgreementSummaryRecord? Summary, NegotiationResult? Refusal)> FindAsync(string id, CancellationToken cancellationToken)
    {
        var summary = InstanceIds.IsWellFormed(id) ? await _store.GetSummaryAsync(id, cancellationToken) : null;
        return summary is null
            ? (null, NegotiationResult.NotFound($"There is no negotiation '{id}'."))
            : (summary, null);
    }

    private static NegotiationResult NotInPhase(AgreementSummaryRecord summary, string what, params NegotiationPhase[] expected) =>
        NegotiationResult.NotAllowed(summary.Phase.IsTerminal()
            ? $"The negotiation has ended ({Views.Camel(summary.Phase.ToString())}{(summary.Outcome is { } o ? " on " + o.At.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}); {what} is no longer accepted."
            : $"The negotiation is in phase '{Views.Camel(summary.Phase.ToString())}'; {what} is accepted only in phase {string.Join(" or ", expected.Select(p => $"'{Views.Camel(p.ToString())}'"))}.");
}
