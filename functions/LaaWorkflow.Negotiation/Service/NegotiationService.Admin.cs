using LaaWorkflow.Negotiation.Activities;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.Orchestrations;
using LaaWorkflow.Negotiation.ReadModels;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>Admin interventions on a running negotiation.</summary>
public sealed partial class NegotiationService
{
    /// <summary>Sends the partner's invitation again (for example after fixing a bounced address).</summary>
    public Task<NegotiationResult> ResendInvitationAsync(string id, string partnerId, CancellationToken cancellationToken = default) =>
        CommandAsync(id, partnerId, PartnerCommandKind.ResendInvitation, null, null, cancellationToken);

    /// <summary>Reminds the partner now, outside the schedule.</summary>
    public Task<NegotiationResult> RemindNowAsync(string id, string partnerId, CancellationToken cancellationToken = default) =>
        CommandAsync(id, partnerId, PartnerCommandKind.RemindNow, null, null, cancellationToken);

    /// <summary>Moves one partner's deadline, or every outstanding partner's when <paramref name="partnerId"/> is null or <c>all</c>.</summary>
    public async Task<NegotiationResult> ExtendDeadlineAsync(string id, string? partnerId, DateTimeOffset newDeadline, CancellationToken cancellationToken = default)
    {
        var (summary, refusal) = await FindAsync(id, cancellationToken);
        if (summary is null)
        {
            return refusal!;
        }

        var deadline = newDeadline.UtcDateTime;
        if (deadline <= NowIn(summary))
        {
            return NegotiationResult.Invalid("newDeadline", "Must be in the future.");
        }

        if (deadline >= summary.Definition.Timetable.SignOffDeadline)
        {
            return NegotiationResult.Invalid("newDeadline", $"Must be before the sign-off deadline ({summary.Definition.Timetable.SignOffDeadline:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        }

        if (partnerId is not null && partnerId != "all")
        {
            return await CommandAsync(id, partnerId, PartnerCommandKind.ExtendDeadline, deadline, null, cancellationToken);
        }

        if (summary.Phase != NegotiationPhase.Consultation)
        {
            return NotInPhase(summary, "a deadline extension", NegotiationPhase.Consultation);
        }

        var record = await _store.GetAsync(id, cancellationToken);
        var outstanding = record!.Partners.Where(p => IsOutstanding(p.State) && p.State.Round == summary.Round).ToList();
        if (outstanding.Count == 0)
        {
            return NegotiationResult.NotAllowed("Every partner consulted in this round has already answered.");
        }

        foreach (var partner in outstanding)
        {
            await RaiseCommandAsync(id, partner.State, PartnerCommandKind.ExtendDeadline, deadline, null, cancellationToken);
        }

        return NegotiationResult.Accepted($"Extended for {outstanding.Count} partner(s).");
    }

    /// <summary>Records a partner's answer on their behalf (an answer given by phone or letter), with the admin's reason.</summary>
    public async Task<NegotiationResult> RecordOnBehalfAsync(
        string id, string partnerId, string? decision, string? comment, string? reason, string? admin, CancellationToken cancellationToken = default)
    {
        var errors = new Validation.ValidationErrors();
        if (!AnswerDecisionExtensions.TryParse(decision, out var parsed))
        {
            errors.Add("decision", "Required: 'endorse', 'object' or 'request-changes'.");
        }
        else if (parsed != AnswerDecision.Endorse && string.IsNullOrWhiteSpace(comment))
        {
            errors.Add("comment", parsed == AnswerDecision.Object ? "An objection needs its reason." : "A change request needs a comment saying what to change.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", "Say why the answer is recorded on the partner's behalf.");
        }

        if (string.IsNullOrWhiteSpace(admin))
        {
            errors.Add("admin", "Required: who is recording the answer.");
        }

        if (!errors.IsEmpty)
        {
            return NegotiationResult.Invalid(errors.ToDictionary());
        }

        var (state, refusal) = await OutstandingPartnerAsync(id, partnerId, "an answer", cancellationToken);
        if (state is null)
        {
            return refusal!;
        }

        await _client.RaiseEventAsync(
            InstanceIds.Partner(id, partnerId, state.Round),
            PartnerAnswerEvent.Name,
            new PartnerAnswerEvent(parsed, comment?.Trim(), AnswerSource.AdminOnBehalf, await NowInAsync(id, cancellationToken), $"{admin!.Trim()}: {reason!.Trim()}"),
            cancellationToken);
        Logs.ActionAccepted(_logger, id, "answer on behalf");
        return NegotiationResult.Accepted();
    }

    /// <summary>Withdraws a negotiation that has not ended.</summary>
    public async Task<NegotiationResult> WithdrawAsync(string id, string? reason, string? by = null, CancellationToken cancellationToken = default)
    {
        var (summary, refusal) = await FindAsync(id, cancellationToken);
        if (summary is null)
        {
            return refusal!;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return NegotiationResult.Invalid("reason", "Say why the negotiation is withdrawn.");
        }

        if (summary.Phase.IsTerminal())
        {
            return NotInPhase(summary, "a withdrawal", NegotiationPhase.Consultation);
        }

        await _client.RaiseEventAsync(id, WithdrawEvent.Name, new WithdrawEvent(reason.Trim(), NowIn(summary), by), cancellationToken);
        Logs.ActionAccepted(_logger, id, "withdrawal");
        return NegotiationResult.Accepted();
    }

    /// <summary>
    /// Moves the sign-off deadline later, for a negotiation that has not ended: the reason is recorded, and who agreed it
    /// for the Government Office when given (the route is for admins, who act on that agreement).
    /// </summary>
    public async Task<NegotiationResult> ExtendSignOffAsync(
        string id, DateTime? newDeadline, string? reason, string? agreedBy, string? by, CancellationToken cancellationToken = default)
    {
        var (summary, refusal) = await FindAsync(id, cancellationToken);
        if (summary is null)
        {
            return refusal!;
        }

        if (summary.Phase.IsTerminal())
        {
            return NotInPhase(summary, "an extension of the sign-off deadline", NegotiationPhase.Consultation, NegotiationPhase.Revision, NegotiationPhase.GovernmentOffice);
        }

        var current = summary.Definition.Timetable.SignOffDeadline;
        if (newDeadline is not { } to)
        {
            return NegotiationResult.Invalid("signOffDeadline", "Required: the new sign-off deadline, an ISO 8601 time.");
        }

        if (to <= current)
        {
            return NegotiationResult.Invalid("signOffDeadline", $"Must be after the current sign-off deadline ({current:yyyy-MM-dd HH:mm} UTC).");
        }

        if (to > current.AddDays(Validation.NegotiationValidator.MaxDays))
        {
            return NegotiationResult.Invalid("signOffDeadline", $"At most {Validation.NegotiationValidator.MaxDays} days after the current sign-off deadline.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return NegotiationResult.Invalid("reason", "Say why the sign-off deadline moves (it is recorded on the timeline).");
        }

        await _client.RaiseEventAsync(
            id,
            SignOffExtendedEvent.Name,
            new SignOffExtendedEvent(to, reason.Trim(), string.IsNullOrWhiteSpace(agreedBy) ? null : agreedBy.Trim(), string.IsNullOrWhiteSpace(by) ? null : by.Trim(), NowIn(summary), Guid.NewGuid().ToString("N")),
            cancellationToken);
        Logs.ActionAccepted(_logger, id, "sign-off extension");
        return NegotiationResult.Accepted("The new sign-off deadline was handed to the negotiation.");
    }

    internal static bool IsOutstanding(PartnerState state) =>
        state.Status is PartnerStatus.Invited or PartnerStatus.Reminded or PartnerStatus.Escalated;

    private async Task<NegotiationResult> CommandAsync(
        string id, string partnerId, PartnerCommandKind kind, DateTime? deadline, string? by, CancellationToken cancellationToken)
    {
        var (state, refusal) = await OutstandingPartnerAsync(id, partnerId, kind switch
        {
            PartnerCommandKind.ResendInvitation => "resending the invitation",
            PartnerCommandKind.RemindNow => "a reminder",
            _ => "a deadline extension",
        }, cancellationToken);
        if (state is null)
        {
            return refusal!;
        }

        await RaiseCommandAsync(id, state, kind, deadline, by, cancellationToken);
        return NegotiationResult.Accepted();
    }

    private async Task RaiseCommandAsync(string id, PartnerState state, PartnerCommandKind kind, DateTime? deadline, string? by, CancellationToken cancellationToken)
    {
        await _client.RaiseEventAsync(
            InstanceIds.Partner(id, state.PartnerId, state.Round),
            PartnerCommandEvent.Name,
            new PartnerCommandEvent(kind, Guid.NewGuid().ToString("N"), deadline, by, await NowInAsync(id, cancellationToken)),
            cancellationToken);
        Logs.ActionAccepted(_logger, id, kind.ToString());
    }

    private async Task<(PartnerState? State, NegotiationResult? Refusal)> OutstandingPartnerAsync(
        string id, string partnerId, string what, CancellationToken cancellationToken)
    {
        var (summary, refusal) = await FindAsync(id, cancellationToken);
        if (summary is null)
        {
            return (null, refusal);
        }

        if (summary.Phase != NegotiationPhase.Consultation)
        {
            return (null, NotInPhase(summary, what, NegotiationPhase.Consultation));
        }

        var partner = await _store.GetPartnerAsync(id, partnerId, cancellationToken);
        if (partner is null)
        {
            return (null, NegotiationResult.NotFound($"Negotiation '{id}' has no partner '{partnerId}'."));
        }

        return IsOutstanding(partner.State)
            ? (partner.State, null)
            : (null, NegotiationResult.NotAllowed(
                $"Partner '{partnerId}' is not waiting for an answer in this round (status {Views.Camel(partner.State.Status.ToString())}); {what} is not possible."));
    }
}
