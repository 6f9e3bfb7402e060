using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using LaaWorkflow.Email;
using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using Microsoft.DurableTask;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// One partner's consultation in one round: invite, then wait for the answer racing the next reminder or escalation
/// and an admin's commands, until the partner answers or the sign-off deadline ends the wait.
/// </summary>
/// <remarks>
/// Reminders go out at each <c>reminderDaysBefore</c> before the partner's deadline; from the deadline on, the next
/// rung of the escalation ladder is told every <c>escalationEveryDays</c> (the first rung at the deadline itself).
/// Every email key is built here from the negotiation, partner, round and step, so replays and retries send nothing twice.
/// </remarks>
internal sealed class PartnerConsultationOrchestrator : TaskOrchestrator<PartnerConsultationInput, PartnerOutcome>
{
    public override Task<PartnerOutcome> RunAsync(TaskOrchestrationContext context, PartnerConsultationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new PartnerConsultation(context, input).RunAsync();
    }

    private sealed record Step(DateTime At, int ReminderDaysBefore, int EscalationLevel);

    /// <summary>The state of one run, rebuilt identically on every replay.</summary>
    private sealed class PartnerConsultation(TaskOrchestrationContext context, PartnerConsultationInput input)
    {
        private readonly Partner _partner = input.Partner;
        private DateTime _deadline = input.ResponseDeadline;
        private PartnerStatus _status = PartnerStatus.Invited;
        private int _escalationLevel;
        private int _reminders;
        private int _extensions;
        private readonly BusinessClock _clock = new(context, input.Pace, input.StartedAt);

        /// <summary>What every email says of the agreement; the sign-off deadline in it moves when it is extended.</summary>
        private AgreementHeader _header = input.Header;

        private DateTime SignOff => _header.SignOffDeadline;

        [SuppressMessage("Durable", "DURABLE0011", Justification = "Each pass handles one reminder, escalation or admin command; the sign-off deadline ends the loop, so the history stays bounded.")]
        public async Task<PartnerOutcome> RunAsync()
        {
            // Recorded before the email goes: a partner may answer the moment it arrives, and the answer is taken only
            // once the read model shows them invited to this round.
            await RecordAsync("invited", AnswerSource.System,
                $"{_partner.Name} invited to round {Round} of the consultation, answer due {Format(_deadline)}.");
            await SendEmailAsync(Email(EmailKind.PartnerInvitation, "invitation", input.Partner.Contact));

            var schedule = Schedule(_clock.Now);
            var next = 0;
            while (true)
            {
                var step = next < schedule.Count ? schedule[next] : null;
                using var timerCancel = new CancellationTokenSource();
                using var answerCancel = new CancellationTokenSource();
                using var commandCancel = new CancellationTokenSource();
                var timer = _clock.Until(step?.At ?? SignOff, timerCancel.Token);
                var answer = context.WaitForExternalEvent<PartnerAnswerEvent>(PartnerAnswerEvent.Name, answerCancel.Token);
                var command = context.WaitForExternalEvent<PartnerCommandEvent>(PartnerCommandEvent.Name, commandCancel.Token);
                var winner = await Task.WhenAny(timer, answer, command);
                if (winner != timer)
                {
                    timerCancel.Cancel();
                }

                if (winner != answer)
                {
                    answerCancel.Cancel();
                }

                if (winner != command)
                {
                    commandCancel.Cancel();
                }

                if (winner == answer)
                {
                    return await AnsweredAsync(await answer);
                }

                if (winner == timer && step is null)
                {
                    _status = PartnerStatus.NoResponse;
                    await RecordAsync("no-response", AnswerSource.System,
                        $"{_partner.Name} did not answer by the sign-off deadline ({Format(SignOff)}).");
                    return Outcome(null, null, null);
                }

                if (winner == timer)
                {
                    next++;
                    await (step!.EscalationLevel > 0 ? EscalateAsync(step.EscalationLevel) : RemindAsync(step.ReminderDaysBefore));
                    continue;
                }

                var order = await command;
                _clock.Saw(order.At);
                switch (order.Kind)
                {
                    case PartnerCommandKind.Withdraw:
                        return Outcome(null, null, null);
                    case PartnerCommandKind.ResendInvitation:
                        await SendEmailAsync(Email(EmailKind.PartnerInvitation, "invitation:" + order.CommandId, _partner.Contact));
                        await RecordAsync("invitation-resent:" + order.CommandId, AnswerSource.Admin, $"Invitation resent to {_partner.Name}.", "invitation-resent");
                        break;
                    case PartnerCommandKind.RemindNow:
                        _reminders++;
                        _status = _escalationLevel > 0 ? _status : PartnerStatus.Reminded;
                        await SendEmailAsync(Email(EmailKind.PartnerReminder, "reminder-now:" + order.CommandId, _partner.Contact) with { ReminderNumber = _reminders });
                        await RecordAsync("reminded-now:" + order.CommandId, AnswerSource.Admin, $"{_partner.Name} reminded at an admin's request.", "reminded");
                        break;
                    case PartnerCommandKind.ExtendDeadline when order.NewDeadline is { } extended:
                        _extensions++;
                        _deadline = extended < SignOff ? extended : SignOff;
                        _escalationLevel = 0;
                        _status = _reminders > 0 ? PartnerStatus.Reminded : PartnerStatus.Invited;
                        schedule = Schedule(_clock.Now);
                        next = 0;
                        await RecordAsync("deadline-extended:" + order.CommandId, AnswerSource.Admin,
                            $"{_partner.Name}'s deadline extended to {Format(_deadline)}.", "deadline-extended");
                        break;
                    case PartnerCommandKind.ExtendSignOff when order.NewDeadline is { } signOff && signOff > SignOff:
                        // The consultation may now run on to the later deadline: the escalation ladder goes on climbing.
                        _header = _header with { SignOffDeadline = signOff };
                        schedule = Schedule(_clock.Now);
                        next = 0;
                        break;
                    default:
                        break;
                }
            }
        }

        private int Round => input.Round;

        private string Suffix => _extensions == 0 ? "" : ":e" + _extensions.ToString(CultureInfo.InvariantCulture);

        private async Task RemindAsync(int daysBefore)
        {
            _reminders++;
            if (_escalationLevel == 0)
            {
                _status = PartnerStatus.Reminded;
            }

            var what = "reminder:" + daysBefore.ToString(CultureInfo.InvariantCulture) + Suffix;
            await SendEmailAsync(Email(EmailKind.PartnerReminder, what, _partner.Contact) with { ReminderNumber = _reminders });
            await RecordAsync(what, AnswerSource.System,
                $"{_partner.Name} reminded, {daysBefore} days before the deadline ({Format(_deadline)}).", "reminded");
        }

        private async Task EscalateAsync(int level)
        {
            _escalationLevel = level;
            _status = PartnerStatus.Escalated;
            var rung = _partner.Escalation[level - 1];
            var what = "escalation:" + level.ToString(CultureInfo.InvariantCulture) + Suffix;
            await SendEmailAsync(Email(EmailKind.EscalationNotice, what, rung) with { EscalationLevel = level, Cc = _partner.Contact });
            await RecordAsync(what, AnswerSource.System,
                $"{_partner.Name} has not answered; escalated to {rung.Name} (level {level}).", "escalated");
        }

        private async Task<PartnerOutcome> AnsweredAsync(PartnerAnswerEvent answer)
        {
            _clock.Saw(answer.ReceivedAt);
            _status = answer.Decision.ToStatus();
            var text = answer.Decision switch
            {
                AnswerDecision.Endorse => $"{_partner.Name} endorsed the draft.",
                AnswerDecision.Object => $"{_partner.Name} objected: {answer.Comment}",
                _ => $"{_partner.Name} asked for changes: {answer.Comment}",
            };
            if (answer.RecordedBy is not null)
            {
                text += $" (recorded on the partner's behalf by {answer.RecordedBy})";
            }

            var outcome = Outcome(answer.ReceivedAt, answer.Comment, answer.Source);
            await context.UpdateReadModelAsync(new ReadModelUpdate(
                input.NegotiationId,
                new TimelineEntry(answer.ReceivedAt, EntryKey("answered"), "answered", answer.Source, text, _partner.Id),
                Partner: State(answer.ReceivedAt, answer.Comment, answer.Source)));
            return outcome;
        }

        private List<Step> Schedule(DateTime from)
        {
            var steps = new List<Step>();
            foreach (var days in input.ReminderDaysBefore)
            {
                var at = _deadline.AddDays(-days);
                if (at > from && at < SignOff)
                {
                    steps.Add(new Step(at, days, 0));
                }
            }

            for (var level = 1; level <= _partner.Escalation.Count; level++)
            {
                var at = _deadline.AddDays((level - 1) * input.EscalationEveryDays);
                if (at > from && at < SignOff)
                {
                    steps.Add(new Step(at, 0, level));
                }
            }

            return [.. steps.OrderBy(s => s.At).ThenBy(s => s.EscalationLevel)];
        }

        private Notification Email(EmailKind kind, string what, Contact to)
        {
            // A multi-area agreement's authority endorses the whole draft, not only what it leads.
            var led = _partner.Body == MultiArea.AuthorityBody ? [] : input.Targets.Where(t => t.LeadPartners.Contains(_partner.Id)).ToList();
            return new Notification(
                $"{input.NegotiationId}:{_partner.Id}:r{Round}:{what}", kind, input.NegotiationId, _header, to, _deadline)
            {
                Partner = _partner,
                Round = Round,
                Targets = led.Count > 0 ? led : input.Targets,
            };
        }

        private Task RecordAsync(string what, AnswerSource source, string text, string? kind = null) =>
            context.UpdateReadModelAsync(new ReadModelUpdate(
                input.NegotiationId,
                new TimelineEntry(_clock.Now, EntryKey(what), kind ?? what, source, text, _partner.Id),
                Partner: State(null, null, null)));

        private string EntryKey(string what) => $"r{Round}:{what}:{_partner.Id}";

        private PartnerState State(DateTime? answeredAt, string? comment, AnswerSource? source) =>
            new(_partner.Id, _status, Round, _deadline, answeredAt, comment, _escalationLevel, source);

        private PartnerOutcome Outcome(DateTime? answeredAt, string? comment, AnswerSource? source) =>
            new(_partner.Id, Round, _status, answeredAt, comment, source, _escalationLevel, _clock.Now);

        private Task SendEmailAsync(Notification notification) => context.SendEmailAsync(notification with { At = _clock.Now });

        private static string Format(DateTime at) => at.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
