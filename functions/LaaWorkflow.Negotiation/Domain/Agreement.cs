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
    Pace? Pace = null)
{
    public Partner? FindPartner(string partnerId) => Partners.FirstOrDefault(p => p.Id == partnerId);
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
    int EscalationEveryDays);
