using LaaWorkflow.Email.Templates;

namespace LaaWorkflow.Email.Answers;

/// <summary>Reads what the answer page shows: implemented by the negotiation from its read model.</summary>
public interface IConsultationLookup
{
    /// <summary>The consultation as the partner sees it, or null when there is no such negotiation or partner.</summary>
    Task<ConsultationView?> GetAsync(string negotiationId, string partnerId, CancellationToken cancellationToken);
}

/// <summary>What a partner is asked to answer.</summary>
/// <param name="NegotiationId">The negotiation.</param>
/// <param name="PartnerId">The partner.</param>
/// <param name="Area">The local area, for example "Sunderland".</param>
/// <param name="ResponsibleAuthority">The council that leads the agreement.</param>
/// <param name="PartnerName">The partner body's name.</param>
/// <param name="Targets">The partner's own targets.</param>
/// <param name="ResponseDeadline">When answers are due.</param>
/// <param name="CurrentRound">The consultation round now open for this partner; older links are superseded.</param>
/// <param name="IsOpen">Whether the partner can still answer.</param>
/// <param name="ClosedReason">Why not, when <paramref name="IsOpen"/> is false.</param>
/// <param name="Period">The agreement period, for example "2008-2011".</param>
/// <param name="Contact">The partner's contact, who gets the answer confirmation; null to send none.</param>
/// <param name="SignOffDeadline">When the agreement must be signed off.</param>
/// <param name="BusinessTimeOf">
/// How the negotiation dates a real instant: its rehearsal calendar for a rehearsal, null (the instant itself) for a
/// real negotiation. Emails about it and the times they show are dated this way, as everything the negotiation stamps.
/// </param>
/// <param name="LspLead">The LSP lead, whom the partner asks about the targets; null where the source does not know.</param>
public sealed record ConsultationView(
    string NegotiationId,
    string PartnerId,
    string Area,
    string ResponsibleAuthority,
    string PartnerName,
    IReadOnlyList<TargetLine> Targets,
    DateTimeOffset ResponseDeadline,
    int CurrentRound,
    bool IsOpen,
    string? ClosedReason = null,
    string Period = "",
    EmailAddress? Contact = null,
    DateTimeOffset? SignOffDeadline = null,
    Func<DateTimeOffset, DateTimeOffset>? BusinessTimeOf = null,
    EmailAddress? LspLead = null)
{
    /// <summary>True for a Multi-Area Agreement: the page names it so.</summary>
    public bool IsMultiArea { get; init; }

    /// <summary>For a yearly refresh, which version it is (<c>2009 refresh of the 2008 agreement</c>); null otherwise.</summary>
    public string? Version { get; init; }

    /// <summary>A real instant as the negotiation dates it.</summary>
    public DateTimeOffset Dated(DateTimeOffset real) => BusinessTimeOf?.Invoke(real) ?? real;
}
