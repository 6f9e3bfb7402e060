using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Negotiation.Domain;
using LaaWorkflow.Negotiation.ReadModels;
using LaaWorkflow.Negotiation.Reference;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>Turns stored read models into the HTTP contract's shapes.</summary>
internal static class Views
{
    /// <param name="record">The stored agreement.</param>
    /// <param name="runtimeStatus">The engine's status of its orchestration.</param>
    /// <param name="realNow">The real instant, for a rehearsal's business time.</param>
    /// <param name="previousTargets">For a refresh: the previous version's agreed targets, which its changes are measured against.</param>
    public static AgreementView ToView(AgreementRecord record, string? runtimeStatus, DateTime realNow, IReadOnlyList<Target>? previousTargets = null)
    {
        var summary = record.Summary;
        var definition = summary.Definition;
        var states = record.Partners.ToDictionary(p => p.State.PartnerId, StringComparer.Ordinal);
        return new AgreementView
        {
            Id = summary.Id,
            Area = definition.Area,
            ResponsibleAuthority = definition.ResponsibleAuthority,
            GovernmentOffice = definition.GovernmentOffice,
            Period = definition.Period,
            Kind = MultiAreaViews.Kind(definition),
            Themes = definition.MultiArea?.Themes,
            Authorities = MultiAreaViews.Authorities(definition, record.Partners),
            GovernmentOffices = MultiAreaViews.Offices(record),
            Phase = summary.Phase,
            RuntimeStatus = runtimeStatus,
            Round = summary.Round,
            CreatedAt = summary.CreatedAt,
            NextDeadline = summary.NextDeadline,
            Timetable = new TimetableView
            {
                ConsultationOpens = definition.Timetable.ConsultationOpens,
                ResponseDeadline = definition.Timetable.ResponseDeadline,
                SignOffDeadline = definition.Timetable.SignOffDeadline,
                ReminderDaysBefore = definition.Timetable.ReminderDaysBefore,
                EscalationEveryDays = definition.Timetable.EscalationEveryDays,
                SignOffWarningDaysBefore = definition.Timetable.SignOffWarnings,
            },
            Pace = definition.Pace is { } pace ? new PaceView { Anchor = pace.Anchor, StartedAt = pace.StartedAt, SecondsPerDay = pace.SecondsPerDay } : null,
            Now = definition.Pace?.ToBusiness(realNow),
            Outcome = summary.Outcome is { } o
                ? new OutcomeView { Phase = o.Phase, At = o.At, Summary = o.Summary, Reasons = o.Reasons }
                : null,
            DocumentUrl = summary.DocumentUrl,
            Version = definition.Refresh?.Version ?? 1,
            VersionLabel = Refresh.Label(definition),
            RefreshOf = definition.Refresh?.Of,
            Refreshes = summary.Refreshes ?? [],
            Changes = definition.Refresh is null || previousTargets is null
                ? null
                : [.. Refresh.Compare(previousTargets, record.Targets).Select(c => new TargetChangeView
                {
                    Indicator = c.Indicator,
                    Kind = c.Kind,
                    Change = c.Change,
                    Before = c.Before is null ? null : ToView(c.Before),
                    After = c.After is null ? null : ToView(c.After),
                })],
            Partners =
            [
                .. definition.Partners.Select(p =>
                {
                    var record = states.GetValueOrDefault(p.Id);
                    var state = record?.State;
                    return new PartnerView
                    {
                        Id = p.Id,
                        Name = p.Name,
                        Body = p.Body,
                        ContactEmail = p.Contact.Email,
                        Status = state?.Status ?? PartnerStatus.Pending,
                        Round = state?.Round ?? 0,
                        AnsweredAt = state?.AnsweredAt,
                        Comment = state?.Comment,
                        EscalationLevel = state?.EscalationLevel ?? 0,
                        Deadline = state?.Deadline,
                        DeliveryProblem = record?.DeliveryProblem ?? false,
                    };
                }),
            ],
            Targets = [.. record.Targets.Select(ToView)],
            Timeline =
            [
                .. record.Timeline.Select(t => new TimelineEntryView { At = t.At, Kind = t.Kind, Source = t.Source, Text = t.Text, PartnerId = t.PartnerId }),
            ],
        };
    }

    public static TargetView ToView(Target target) => new()
    {
        Indicator = target.Indicator,
        Title = target.Kind != TargetKind.Local && NationalIndicatorSet.TryGet(target.Indicator, out var ni) ? ni.Title : null,
        Kind = target.Kind,
        LeadPartners = target.LeadPartners,
        Baseline = target.Baseline,
        Trajectory = target.Trajectory,
        HigherIsBetter = target.HigherIsBetter,
        Justification = target.Justification,
    };

    /// <param name="row">The list row.</param>
    /// <param name="summary">The agreement row, when it could be read.</param>
    /// <param name="runtimeStatus">The engine's status of the instance.</param>
    /// <param name="realNow">Now, in real time.</param>
    /// <param name="partners">A multi-area agreement's consultations, for its authorities' endorsements.</param>
    public static AgreementListItem ToListItem(AgreementListRecord row, AgreementSummaryRecord? summary, string? runtimeStatus, DateTime realNow, IReadOnlyList<PartnerRecord>? partners = null) => new()
    {
        Kind = summary is null ? LocalAreaKind : MultiAreaViews.Kind(summary.Definition),
        Themes = summary?.Definition.MultiArea?.Themes,
        Authorities = summary is null ? null : MultiAreaViews.Authorities(summary.Definition, partners),
        Id = row.Id,
        Area = row.Area,
        GovernmentOffice = row.GovernmentOffice,
        Phase = row.Phase,
        CreatedAt = row.CreatedAt,
        NextDeadline = row.NextDeadline,
        Endorsed = row.Endorsed,
        Partners = row.Partners,
        Period = summary?.Definition.Period,
        SignOffDeadline = summary?.Definition.Timetable.SignOffDeadline,
        RuntimeStatus = runtimeStatus,
        Now = summary?.Definition.Pace?.ToBusiness(realNow),
        Version = summary?.Definition.Refresh?.Version ?? 1,
        Year = summary?.Definition.Refresh?.Year,
        RefreshOf = summary?.Definition.Refresh?.Of,
        Refreshes = summary?.Refreshes ?? [],
    };

    private const string LocalAreaKind = Validation.NegotiationValidator.LocalAreaKind;

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
