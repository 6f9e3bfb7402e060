namespace LaaWorkflow.Negotiation.Domain;

/// <summary>A validated draft agreement: what the orchestrations run on.</summary>
internal sealed record Agreement(
    string Area,
    string ResponsibleAuthority,
    string GovernmentOffice,
    string Period,
    Contact LspLead,
    Contact GovernmentOfficeNegotiator,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<Target> Targets,
    Timetable Timetable,
    Pace? Pace = null,
    IReadOnlyList<Contact>? LspLeadEscalation = null,
    MultiArea? MultiArea = null,
    Refresh? Refresh = null)
{
    public Partner? FindPartner(string partnerId) => Partners.FirstOrDefault(p => p.Id == partnerId);

    /// <summary>Who is told, one rung at a time, when the LSP lead leaves the negotiation waiting (lowest rung first).</summary>
    public IReadOnlyList<Contact> LeadLadder => LspLeadEscalation ?? [];
}

/// <summary>A named person reached by email.</summary>
internal sealed record Contact(string Name, string Email);

/// <summary>A partner authority, its consultation contact and its escalation ladder (lowest rung first).</summary>
internal sealed record Partner(string Id, string Name, string Body, Contact Contact, IReadOnlyList<Contact> Escalation);

/// <summary>The consultation timetable, in UTC.</summary>
internal sealed record Timetable(
    DateTime ConsultationOpens,
    DateTime ResponseDeadline,
    DateTime SignOffDeadline,
    IReadOnlyList<int> ReminderDaysBefore,
    int EscalationEveryDays,
    IReadOnlyList<int>? SignOffWarningDaysBefore = null)
{
    /// <summary>The usual warnings: a fortnight, a week and two days before the sign-off deadline.</summary>
    public static IReadOnlyList<int> DefaultSignOffWarningDaysBefore { get; } = [14, 7, 2];

    /// <summary>Days before the sign-off deadline on which the LSP lead and the Government Office are warned, while it is not signed off.</summary>
    public IReadOnlyList<int> SignOffWarnings => SignOffWarningDaysBefore ?? DefaultSignOffWarningDaysBefore;
}
