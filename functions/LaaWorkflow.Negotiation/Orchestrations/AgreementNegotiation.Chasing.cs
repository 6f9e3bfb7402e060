using System.Globalization;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// Nothing lapses silently: an LSP lead whose revision is awaited is chased, then escalated, the lead and the
/// Government Office are warned as the sign-off deadline nears, and the deadline can be moved, with a reason on record.
/// </summary>
internal sealed partial class AgreementNegotiation
{
    /// <summary>The next extension of the sign-off deadline (waited for from the start of the run); every wait of the negotiation takes it.</summary>
    private Task<SignOffExtendedEvent> _extension = new TaskCompletionSource<SignOffExtendedEvent>().Task;

    private CancellationTokenSource? _extensionCancel;

    private CancellationTokenSource _warnings = new();

    /// <summary>How many times the LSP lead is reminded before the lead's escalation ladder is told.</summary>
    private const int LeadReminders = 2;

    /// <summary>One step of chasing the LSP lead: <paramref name="EscalationLevel"/> 0 reminds the lead, 1 and up tell a rung of the lead's ladder.</summary>
    private sealed record Chase(DateTime At, int Number, int EscalationLevel);

    /// <summary>
    /// The lead is reminded every <c>escalationEveryDays</c> after the wait began (the partners' escalation interval:
    /// the lead has no answer deadline of their own), twice, then each rung of the lead's ladder is told in turn at the
    /// same interval. Nothing is scheduled at or after the sign-off deadline, which ends the wait.
    /// </summary>
    private List<Chase> LeadChases(DateTime waitingSince)
    {
        var every = _agreement.Timetable.EscalationEveryDays;
        var steps = LeadReminders + _agreement.LeadLadder.Count;
        return
        [
            .. Enumerable.Range(1, steps)
                .Select(n => new Chase(waitingSince.AddDays(every * n), n, Math.Max(0, n - LeadReminders)))
                .Where(c => c.At < SignOff),
        ];
    }

    private async Task ChaseLeadAsync(Chase chase, string wait, DateTime waitingSince, string why)
    {
        var lead = _agreement.LspLead;
        var to = chase.EscalationLevel == 0 ? lead : _agreement.LeadLadder[chase.EscalationLevel - 1];
        var number = chase.Number.ToString(CultureInfo.InvariantCulture);
        await SendEmailAsync(new Notification($"{Id}:lead:{wait}:chase:{number}", EmailKind.LeadChase, Id, _header, to, AnswersDueBy: null)
        {
            Round = _round,
            ReminderNumber = chase.Number,
            EscalationLevel = chase.EscalationLevel,
            Cc = chase.EscalationLevel == 0 ? null : lead,
            WaitingSince = waitingSince,
            Comment = why,
        });
        var text = chase.EscalationLevel == 0
            ? $"LSP lead reminded (reminder {number}) of the revision awaited since {Format(waitingSince)}."
            : $"The LSP lead's revision, awaited since {Format(waitingSince)}, escalated to {to.Name} (level {chase.EscalationLevel.ToString(CultureInfo.InvariantCulture)}).";
        await context.UpdateReadModelAsync(new ReadModelUpdate(Id, new TimelineEntry(
            Now, $"lead-chase:{wait}:{number}", chase.EscalationLevel == 0 ? "lead-reminded" : "lead-escalated", AnswerSource.System, text)));
    }

    /// <summary>
    /// Moves the sign-off deadline: the partners still being consulted (<paramref name="consulted"/>) may now answer
    /// until the new one, the warnings start again for it, and the timeline records why and who agreed it.
    /// </summary>
    private async Task ExtendAsync(SignOffExtendedEvent extension, IEnumerable<string> consulted)
    {
        _clock.Saw(extension.At);
        _extension = context.WaitForExternalEvent<SignOffExtendedEvent>(SignOffExtendedEvent.Name, _extensionCancel!.Token);
        var before = SignOff;
        if (extension.NewDeadline <= before)
        {
            // Raised against an older deadline and overtaken by a later extension: nothing to move.
            return;
        }

        _header = _header with { SignOffDeadline = extension.NewDeadline };
        if (_nextDeadline == before)
        {
            _nextDeadline = SignOff;
        }

        foreach (var partnerId in consulted)
        {
            context.SendEvent(InstanceIds.Partner(Id, partnerId, RoundOf(partnerId)), PartnerCommandEvent.Name,
                new PartnerCommandEvent(PartnerCommandKind.ExtendSignOff, "signoff:" + extension.ExtensionId, SignOff, extension.By, Now));
        }

        _warnings.Cancel();
        StartWarnings();
        PublishStatus();
        var agreed = extension.AgreedBy is null ? "" : $", agreed for the Government Office by {extension.AgreedBy}";
        var by = extension.By is null ? "" : $" (recorded by {extension.By})";
        await context.UpdateReadModelAsync(new ReadModelUpdate(
            Id,
            new TimelineEntry(Now, "signoff-extended:" + extension.ExtensionId, "signoff-extended", AnswerSource.Admin,
                $"Sign-off deadline moved from {Format(before)} to {Format(SignOff)}{agreed}{by}: {extension.Reason}"),
            new AgreementPatch(NextDeadline: _nextDeadline, SignOffDeadline: SignOff)));
    }

    private void StartWarnings()
    {
        _warnings = new CancellationTokenSource();
        _ = WarnBeforeSignOffAsync(_warnings.Token);
    }

    /// <summary>
    /// Runs beside the negotiation: on each of the timetable's warning days before the sign-off deadline, tells the LSP
    /// lead and the Government Office negotiator where it stands and what is outstanding, unless it has ended.
    /// </summary>
    private async Task WarnBeforeSignOffAsync(CancellationToken cancellationToken)
    {
        foreach (var days in _agreement.Timetable.SignOffWarnings.OrderDescending())
        {
            var at = SignOff.AddDays(-days);
            if (at <= Now)
            {
                continue;
            }

            await _clock.Beside(at, cancellationToken);
            if (_phase.IsTerminal())
            {
                return;
            }

            // Keyed by the deadline too: after an extension, the warnings for the new deadline are new emails.
            var key = $"{Id}:signoff-warning:{SignOff.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}:{days.ToString(CultureInfo.InvariantCulture)}";
            var warning = new Notification(key + ":lead", EmailKind.SignOffWarning, Id, _header, _agreement.LspLead, RoundDeadline)
            {
                At = at,
                DaysLeft = days,
                Comment = Standing(),
                Reasons = Obstacles(past: false),
            };
            await SendEmailAsync(warning);
            await SendEmailAsync(warning with { Key = key + ":go", To = _agreement.GovernmentOfficeNegotiator });
            foreach (var (region, negotiator) in Offices().Where(o => o.Region != _agreement.GovernmentOffice))
            {
                await SendEmailAsync(warning with { Key = $"{key}:go:{Domain.MultiArea.OfficeKey(region)}", To = negotiator, Header = HeaderFor(region) });
            }

            await context.UpdateReadModelAsync(new ReadModelUpdate(Id, new TimelineEntry(
                at, key[(Id.Length + 1)..], "signoff-warning", AnswerSource.System,
                $"{days} days to the sign-off deadline and not signed off ({Standing()}): the LSP lead and {OfficesText(Offices().Select(o => o.Region))} warned.")));
        }
    }

    /// <summary>Where the negotiation stands, as a warning says it.</summary>
    private string Standing() => _phase switch
    {
        NegotiationPhase.Draft => "the consultation has not opened yet",
        NegotiationPhase.Consultation => $"consultation round {_round.ToString(CultureInfo.InvariantCulture)} is open",
        NegotiationPhase.Revision => "it is waiting for the LSP lead's revision",
        NegotiationPhase.GovernmentOffice => IsMultiArea
            ? $"it is waiting for the decisions of {OfficesText(Offices().Select(o => o.Region))}"
            : $"it is waiting for the Government Office {_agreement.GovernmentOffice}'s decision",
        _ => _phase.ToString(),
    };
}
