using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Documents;
using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>The state of one agreement orchestration run, rebuilt identically on every replay.</summary>
internal sealed partial class AgreementNegotiation(TaskOrchestrationContext context, AgreementInput input, Task<WithdrawEvent> withdrawal)
{
    private readonly Agreement _agreement = input.Agreement;
    /// <summary>What every email says of the agreement; its sign-off deadline moves when it is extended.</summary>
    private AgreementHeader _header = AgreementHeader.From(input.Agreement);
    private readonly Dictionary<string, PartnerOutcome> _latest = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _outstanding = new(StringComparer.Ordinal);

    /// <summary>The round each partner was last asked in: a revision during consultation asks only some partners again.</summary>
    private readonly Dictionary<string, int> _roundOf = new(StringComparer.Ordinal);
    private IReadOnlyList<Target> _targets = input.Agreement.Targets;
    private NegotiationPhase _phase = NegotiationPhase.Draft;
    private int _round;
    private int _submissions;
    private DateTime? _nextDeadline;
    private readonly BusinessClock _clock = new(context, input.Agreement.Pace, input.CreatedAt);
    private GovernmentOfficeDecisionEvent? _rejection;

    private string Id => input.NegotiationId;

    private DateTime SignOff => _header.SignOffDeadline;

    /// <summary>When this round's answers are due, while a consultation is open; null otherwise.</summary>
    private DateTime? RoundDeadline => _phase == NegotiationPhase.Consultation ? _nextDeadline : null;

    private DateTime Now => _clock.Now;

    private Task SendEmailAsync(Notification notification) => context.SendEmailAsync(notification with { At = notification.At ?? Now });

    /// <summary>A control-flow result: either the negotiation ended, or it goes on.</summary>
    private sealed record Step(AgreementOutcome? Ended = null, RevisionEvent? Revision = null, bool Approved = false);

    public async Task<AgreementOutcome> RunAsync()
    {
        // The warnings run beside the negotiation and stop when it ends, however it ends; an extension of the sign-off
        // deadline can come at any point, and every wait takes it.
        using var extensionCancel = new CancellationTokenSource();
        _extensionCancel = extensionCancel;
        _extension = context.WaitForExternalEvent<SignOffExtendedEvent>(SignOffExtendedEvent.Name, extensionCancel.Token);
        StartWarnings();
        try
        {
            return await NegotiateAsync();
        }
        finally
        {
            _warnings.Cancel();
            extensionCancel.Cancel();
        }
    }

    private async Task<AgreementOutcome> NegotiateAsync()
    {
        var opens = _agreement.Timetable.ConsultationOpens;
        if (Now < opens)
        {
            _nextDeadline = opens;
            await ChangePhaseAsync(NegotiationPhase.Draft, "draft", $"Waiting for consultation to open on {Format(opens)}.", AnswerSource.System);
            using var cancel = new CancellationTokenSource();
            var timer = _clock.Until(opens, cancel.Token);
            while (await Task.WhenAny(timer, withdrawal, _extension) is var winner && winner != timer)
            {
                if (winner == withdrawal)
                {
                    cancel.Cancel();
                    return await WithdrawnAsync(await withdrawal);
                }

                await ExtendAsync(await _extension, []);
            }
        }

        var consult = FirstConsulted();
        var deadline = _agreement.Timetable.ResponseDeadline;
        while (true)
        {
            if (consult.Count > 0)
            {
                var ended = await ConsultAsync(consult, deadline);
                if (ended is not null)
                {
                    return ended;
                }
            }

            var disputed = Disputed();
            Step step;
            if (disputed.Count == 0 && _rejection is null)
            {
                if (!NeedsGovernmentOffice())
                {
                    return await FinaliseAsync();
                }

                step = await GovernmentOfficeAsync();
                if (step.Ended is not null)
                {
                    return step.Ended;
                }

                if (step.Approved)
                {
                    return await FinaliseAsync();
                }
            }

            step = await RevisionAsync();
            if (step.Ended is not null)
            {
                return step.Ended;
            }

            var revision = step.Revision!;
            consult = Revision.PartnersToReconsult(_targets, revision.Targets, disputed);
            var changed = Revision.ChangedTargets(_targets, revision.Targets);
            _targets = revision.Targets;
            _rejection = null;
            await context.UpdateReadModelAsync(new ReadModelUpdate(
                Id,
                new TimelineEntry(Now, $"revision:{revision.RevisionId}", "revised", AnswerSource.LspLead,
                    changed.Count == 0
                        ? "The LSP lead resubmitted the targets unchanged."
                        : $"The LSP lead revised {string.Join(", ", changed)}; consulting again: {(consult.Count == 0 ? "nobody" : string.Join(", ", consult.Select(PartnerName)))}."),
                Targets: _targets));
            var window = _agreement.Timetable.ResponseDeadline - _agreement.Timetable.ConsultationOpens;
            deadline = Now + window < SignOff ? Now + window : SignOff;
        }
    }

    [SuppressMessage("Durable", "DURABLE0011", Justification = "Each pass consumes one partner outcome, digest or revision; the sign-off deadline ends every partner's wait, so the history stays bounded.")]
    private async Task<AgreementOutcome?> ConsultAsync(IReadOnlyList<string> partnerIds, DateTime deadline)
    {
        _round++;
        _nextDeadline = deadline;
        await ChangePhaseAsync(NegotiationPhase.Consultation, $"round:{_round}",
            $"Consultation round {_round} opened with {string.Join(", ", partnerIds.Select(PartnerName))}; answers due {Format(deadline)}.",
            AnswerSource.System);

        var children = new Dictionary<Task<PartnerOutcome>, string>();
        Invite(children, partnerIds, deadline);
        PublishStatus();
        var digests = _agreement.Timetable.ReminderDaysBefore
            .Select(days => (Days: days, At: deadline.AddDays(-days)))
            .Where(d => d.At > Now && d.At < SignOff)
            .OrderBy(d => d.At)
            .ToList();
        var nextDigest = 0;

        // A revision is answered at once, while the round is open: only the partners it concerns are asked again.
        using var revisionCancel = new CancellationTokenSource();
        var revision = context.WaitForExternalEvent<RevisionEvent>(RevisionEvent.Name, revisionCancel.Token);
        // One durable timer per digest, kept across passes: a timer set again on every partner's end would leave each
        // cancelled one to fire later all the same, and every firing replays this orchestration's whole history. It
        // leaves the clock alone until the digest is sent, as a timer cancelled on each pass did.
        using var digestCancel = new CancellationTokenSource();
        Task? digestTimer = null;
        while (children.Count > 0)
        {
            if (digestTimer is null && nextDigest < digests.Count)
            {
                digestTimer = _clock.Beside(digests[nextDigest].At, digestCancel.Token);
            }

            List<Task> waits = [.. children.Keys, withdrawal, revision, _extension];
            if (digestTimer is not null)
            {
                waits.Add(digestTimer);
            }

            var winner = await Task.WhenAny(waits);
            if (winner == withdrawal)
            {
                digestCancel.Cancel();
                revisionCancel.Cancel();
                var withdrawn = await withdrawal;
                foreach (var partnerId in children.Values)
                {
                    context.SendEvent(InstanceIds.Partner(Id, partnerId, RoundOf(partnerId)), PartnerCommandEvent.Name,
                        new PartnerCommandEvent(PartnerCommandKind.Withdraw, "withdraw", At: withdrawn.At));
                }

                await Task.WhenAll(children.Keys);
                return await WithdrawnAsync(withdrawn);
            }

            if (winner == digestTimer)
            {
                digestTimer = null;
                _clock.Saw(digests[nextDigest].At);
                await SendDigestAsync(digests[nextDigest].Days);
                nextDigest++;
                continue;
            }

            if (winner == _extension)
            {
                await ExtendAsync(await _extension, children.Values);
                continue;
            }

            if (winner == revision)
            {
                await ReviseDuringConsultationAsync(children, Seen(await revision));
                revision = context.WaitForExternalEvent<RevisionEvent>(RevisionEvent.Name, revisionCancel.Token);
                continue;
            }

            var task = (Task<PartnerOutcome>)winner;
            children.Remove(task);
            await PartnerFinishedAsync(await task);
        }

        digestCancel.Cancel();
        revisionCancel.Cancel();
        return _latest.Values.Any(o => o.Status == PartnerStatus.NoResponse)
            ? await DeadlineMissedAsync()
            : null;
    }

    /// <summary>Starts a consultation of <paramref name="partnerIds"/> in the current round, on the current targets.</summary>
    private void Invite(Dictionary<Task<PartnerOutcome>, string> children, IEnumerable<string> partnerIds, DateTime deadline)
    {
        foreach (var partnerId in partnerIds)
        {
            var partner = _agreement.FindPartner(partnerId)!;
            _latest.Remove(partnerId);
            _outstanding.Add(partnerId);
            _roundOf[partnerId] = _round;
            var child = context.CallSubOrchestratorAsync<PartnerOutcome>(
                nameof(PartnerConsultationOrchestrator),
                new PartnerConsultationInput(Id, _round, partner, _header, _agreement.LspLead, _targets, deadline,
                    _agreement.Timetable.ReminderDaysBefore, _agreement.Timetable.EscalationEveryDays, Now),
                new SubOrchestrationOptions { InstanceId = InstanceIds.Partner(Id, partnerId, _round) });
            children.Add(child, partnerId);
        }
    }

    /// <summary>
    /// A revision while the round is open: the partners it concerns (those who disputed so far, and the lead partners of
    /// what changed) are asked again, in a new round, on the revised targets; their consultation on the old draft ends
    /// (an answer to it is refused as superseded). Everyone else's consultation, answer and deadline go on.
    /// </summary>
    private async Task ReviseDuringConsultationAsync(Dictionary<Task<PartnerOutcome>, string> children, RevisionEvent revision)
    {
        // The lead answers what the read model showed, which can be ahead of this orchestration: a partner's request
        // may be stored while its consultation's end has not reached us yet. That partner is asked again too, and the
        // old consultation's outcome, when it comes, is not waited for.
        var affected = Revision.PartnersToReconsult(_targets, revision.Targets, [.. Disputed(), .. revision.Disputing ?? []]);
        var changed = Revision.ChangedTargets(_targets, revision.Targets);
        _targets = revision.Targets;
        foreach (var (task, partnerId) in children.Where(c => affected.Contains(c.Value)).ToList())
        {
            children.Remove(task);
            context.SendEvent(InstanceIds.Partner(Id, partnerId, RoundOf(partnerId)), PartnerCommandEvent.Name,
                new PartnerCommandEvent(PartnerCommandKind.Withdraw, "superseded:" + revision.RevisionId, At: Now));
        }

        var window = _agreement.Timetable.ResponseDeadline - _agreement.Timetable.ConsultationOpens;
        var deadline = Now + window < SignOff ? Now + window : SignOff;
        if (affected.Count > 0)
        {
            _round++;
            Invite(children, affected, deadline);
            _nextDeadline = _nextDeadline is { } current && current > deadline ? current : deadline;
        }

        PublishStatus();
        var what = changed.Count == 0 ? "resubmitted the targets unchanged" : $"revised {string.Join(", ", changed)}";
        await context.UpdateReadModelAsync(new ReadModelUpdate(
            Id,
            new TimelineEntry(Now, $"revision:{revision.RevisionId}", "revised", AnswerSource.LspLead,
                affected.Count == 0
                    ? $"The LSP lead {what} during consultation; nobody needs asking again."
                    : $"The LSP lead {what} during consultation; consulting again in round {_round}, answers due {Format(deadline)}: {string.Join(", ", affected.Select(PartnerName))}. The other partners' answers and deadlines stand."),
            new AgreementPatch(Round: _round, NextDeadline: _nextDeadline),
            Targets: _targets));
    }

    private async Task PartnerFinishedAsync(PartnerOutcome outcome)
    {
        _clock.Saw(outcome.At ?? outcome.AnsweredAt);

        _latest[outcome.PartnerId] = outcome;
        _outstanding.Remove(outcome.PartnerId);
        if (outcome.Status is PartnerStatus.Objected or PartnerStatus.ChangesRequested)
        {
            var partner = _agreement.FindPartner(outcome.PartnerId)!;
            await SendEmailAsync(new Notification(
                $"{Id}:{outcome.PartnerId}:r{outcome.Round}:lead-notice", EmailKind.LeadAnswerNotice, Id, _header, _agreement.LspLead, RoundDeadline)
            {
                Partner = partner,
                Round = outcome.Round,
                Decision = outcome.Status == PartnerStatus.Objected ? AnswerDecision.Object : AnswerDecision.RequestChanges,
                Comment = outcome.Comment,
            });
        }

        PublishStatus();
        await context.UpdateReadModelAsync(new ReadModelUpdate(Id, Agreement: new AgreementPatch(Endorsed: Endorsed())));
    }

    private async Task SendDigestAsync(int daysBefore)
    {
        var outstanding = _outstanding.Select(id => new PartnerLine(PartnerName(id), "no answer yet")).ToList();
        await SendEmailAsync(new Notification(
            $"{Id}:lead:r{_round}:digest:{daysBefore.ToString(CultureInfo.InvariantCulture)}", EmailKind.LeadDigest, Id, _header, _agreement.LspLead, RoundDeadline)
        {
            Round = _round,
            Partners = outstanding,
            AnsweredCount = _agreement.Partners.Count - outstanding.Count,
        });
        await context.UpdateReadModelAsync(new ReadModelUpdate(Id, new TimelineEntry(
            Now, $"r{_round}:digest:{daysBefore.ToString(CultureInfo.InvariantCulture)}", "digest", AnswerSource.System,
            outstanding.Count == 0
                ? $"Digest sent to the LSP lead {daysBefore} days before the deadline: every partner has answered."
                : $"Digest sent to the LSP lead {daysBefore} days before the deadline; not answered: {string.Join(", ", outstanding.Select(o => o.PartnerName))}.")));
    }

    [SuppressMessage("Durable", "DURABLE0011", Justification = "Each pass consumes one raised decision; the wait ends with the sign-off deadline, so the history stays small.")]
    private async Task<GovernmentOfficeDecisionEvent> WaitForDecisionAsync(int submission, IReadOnlySet<string> pending, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await context.WaitForExternalEvent<GovernmentOfficeDecisionEvent>(GovernmentOfficeDecisionEvent.Name, cancellationToken);
            // A second decision by an office that has decided this submission (a multi-area agreement's) is left unused.
            if ((answer.Submission is null || answer.Submission == submission) && pending.Contains(OfficeOf(answer)))
            {
                return answer;
            }
        }
    }

    /// <summary>
    /// Sends the draft to every Government Office concerned (one for an LAA; each region of a multi-area agreement's
    /// authorities) and waits until all approve, one sends it back, or the sign-off deadline passes.
    /// </summary>
    [SuppressMessage("Durable", "DURABLE0011", Justification = "Each pass consumes one office's decision or one extension; the sign-off deadline ends the wait.")]
    private async Task<Step> GovernmentOfficeAsync()
    {
        _submissions++;
        _nextDeadline = SignOff;
        var submission = "s" + _submissions.ToString(CultureInfo.InvariantCulture);
        var offices = Offices();
        await ChangePhaseAsync(NegotiationPhase.GovernmentOffice, "go:" + submission,
            IsRefresh || !IsMultiArea ? SubmittedText() : $"Every authority and partner has endorsed; the draft went to {OfficesText(offices.Select(o => o.Region))} for a decision.",
            AnswerSource.System);
        foreach (var (region, negotiator) in offices)
        {
            await SendEmailAsync(new Notification(
                $"{Id}:{GoKey(submission, region, "submission")}", EmailKind.GovernmentOfficeSubmission, Id, HeaderFor(region), negotiator, AnswersDueBy: null)
            {
                // The decision link is signed for this submission (and office), so a link from an earlier one cannot decide this one.
                Round = _submissions,
                Targets = SubmittedTargets(),
                Partners = PartnerLines(),
                Office = IsMultiArea ? region : null,
                Refresh = IsRefresh ? Refresh.Label(_agreement) : null,
                Changes = ChangeLines(),
            });
        }

        var pending = offices.Select(o => o.Region).ToHashSet(StringComparer.Ordinal);
        _officeApprovals.Clear();
        using var decisionCancel = new CancellationTokenSource();
        var decision = WaitForDecisionAsync(_submissions, pending, decisionCancel.Token);
        Task timer;
        Task winner;
        while (true)
        {
            using var timerCancel = new CancellationTokenSource();
            timer = _clock.Until(SignOff, timerCancel.Token);
            winner = await Task.WhenAny(timer, decision, withdrawal, _extension);
            if (winner != timer)
            {
                timerCancel.Cancel();
            }

            if (winner == _extension)
            {
                await ExtendAsync(await _extension, []);
                continue;
            }

            if (winner != decision)
            {
                break;
            }

            var approval = await decision;
            if (!approval.Approved)
            {
                break;
            }

            _clock.Saw(approval.DecidedAt);
            var office = OfficeOf(approval);
            pending.Remove(office);
            _officeApprovals.Add(new OfficeApproval(office, offices.First(o => o.Region == office).Negotiator.Name, Now, approval.Comment));
            await context.UpdateReadModelAsync(new ReadModelUpdate(Id, new TimelineEntry(
                Now, GoKey(submission, office, "approved"), "approved", AnswerSource.GovernmentOffice,
                $"The Government Office {office} approved the draft." + (string.IsNullOrWhiteSpace(approval.Comment) ? "" : " " + approval.Comment)
                    + (pending.Count == 0 || !IsMultiArea ? "" : $" Still to decide: {string.Join(", ", pending.Order(StringComparer.Ordinal))}."))));
            if (pending.Count == 0)
            {
                _approval = approval;
                return new Step(Approved: true);
            }

            decision = WaitForDecisionAsync(_submissions, pending, decisionCancel.Token);
        }

        if (winner != decision)
        {
            decisionCancel.Cancel();
        }

        if (winner == withdrawal)
        {
            return new Step(await WithdrawnAsync(await withdrawal));
        }

        if (winner == timer)
        {
            return new Step(await DeadlineMissedAsync());
        }

        var answer = await decision;
        _clock.Saw(answer.DecidedAt);
        var rejecting = OfficeOf(answer);
        _rejection = answer;
        await context.UpdateReadModelAsync(new ReadModelUpdate(Id, new TimelineEntry(
            Now, GoKey(submission, rejecting, "rejected"), "rejected", AnswerSource.GovernmentOffice,
            $"The Government Office {rejecting} sent the draft back: {answer.Comment}")));
        await SendEmailAsync(new Notification(
            $"{Id}:go:{submission}:rejection", EmailKind.LeadAnswerNotice, Id, HeaderFor(rejecting), _agreement.LspLead, AnswersDueBy: null)
        {
            Round = _round,
            Decision = AnswerDecision.RequestChanges,
            Comment = answer.Comment,
        });
        return new Step();
    }

    [SuppressMessage("Durable", "DURABLE0011", Justification = "Each pass sends one chase of a short, fixed schedule; the sign-off deadline ends the wait.")]
    private async Task<Step> RevisionAsync()
    {
        _nextDeadline = SignOff;
        var why = _rejection is not null
            ? $"the Government Office asked for changes: {_rejection.Comment}"
            : string.Join("; ", Disputed().Select(id => $"{PartnerName(id)} {Describe(_latest[id])}"));
        var waitingSince = Now;
        var wait = $"r{_round}:s{_submissions}";
        await ChangePhaseAsync(NegotiationPhase.Revision, "revision-wait:" + wait,
            $"Waiting for the LSP lead's revision: {why}.", AnswerSource.System);

        using var revisionCancel = new CancellationTokenSource();
        var revision = context.WaitForExternalEvent<RevisionEvent>(RevisionEvent.Name, revisionCancel.Token);
        var chased = 0;
        while (true)
        {
            // Computed again each pass: an extension of the sign-off deadline lets the chase go on for longer.
            var chase = LeadChases(waitingSince).Skip(chased).FirstOrDefault();
            using var timerCancel = new CancellationTokenSource();
            var timer = _clock.Until(chase?.At ?? SignOff, timerCancel.Token);
            var winner = await Task.WhenAny(timer, revision, withdrawal, _extension);
            if (winner != timer)
            {
                timerCancel.Cancel();
            }

            if (winner == _extension)
            {
                await ExtendAsync(await _extension, []);
                continue;
            }

            if (winner == revision)
            {
                return new Step(Revision: Seen(await revision));
            }

            if (winner == withdrawal || chase is null)
            {
                revisionCancel.Cancel();
                return new Step(winner == withdrawal ? await WithdrawnAsync(await withdrawal) : await DeadlineMissedAsync());
            }

            await ChaseLeadAsync(chase, wait, waitingSince, why);
            chased++;
        }
    }

    private RevisionEvent Seen(RevisionEvent revision)
    {
        _clock.Saw(revision.SubmittedAt);
        return revision;
    }
}
