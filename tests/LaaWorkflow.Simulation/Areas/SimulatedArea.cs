using LaaWorkflow.Negotiation.Api;

namespace LaaWorkflow.Simulation.Areas;

/// <summary>How an area's negotiation is meant to go, decided when the area is generated.</summary>
public enum AreaFate
{
    /// <summary>Every partner endorses (some late); the Government Office approves.</summary>
    Agreed,

    /// <summary>One partner asks for changes; the LSP lead revises; the revision is endorsed and approved.</summary>
    ChangesRequested,

    /// <summary>One partner objects; the LSP lead revises; the objector endorses the revision.</summary>
    ObjectionResolved,

    /// <summary>One partner objects, and objects again to the revision; the lead revises only once, so the deadline passes.</summary>
    ObjectionStands,

    /// <summary>One partner never answers, whatever is sent; the round holds until the sign-off deadline passes.</summary>
    PartnerSilent,

    /// <summary>The Government Office sends the first draft back; the LSP lead revises; the second draft is approved.</summary>
    GovernmentOfficeRejectsFirst,
}

/// <summary>When an ordinary partner answers (every one of them endorses).</summary>
public enum PartnerTiming
{
    /// <summary>Endorses within days of the invitation.</summary>
    OnTime,

    /// <summary>Endorses the day after the first reminder.</summary>
    AfterReminder,

    /// <summary>Endorses the day after its silence is escalated.</summary>
    AfterEscalation,
}

/// <summary>One simulated partner: its id in the request and how it behaves.</summary>
internal sealed record SimulatedPartner(string Id, PartnerTiming Timing, int AnswerAfterDays);

/// <summary>The final state the command expects, computed only from the answers the simulation chose.</summary>
/// <param name="Phase">The final phase (<c>finalised</c> or <c>deadlineMissed</c>).</param>
/// <param name="PartnerStatuses">The final status of each partner whose status the fate decides (all of them when agreed).</param>
internal sealed record ExpectedOutcome(string Phase, IReadOnlyDictionary<string, string> PartnerStatuses);

/// <summary>One generated area: the request to start its negotiation, its fate and its partners' behaviour.</summary>
internal sealed record SimulatedArea(
    int Index,
    string Name,
    NegotiationRequest Request,
    AreaFate Fate,
    IReadOnlyList<SimulatedPartner> Partners,
    string? SpecialPartnerId)
{
    /// <summary>How many revisions the LSP lead makes before giving up.</summary>
    public int RevisionsAllowed => Fate is AreaFate.Agreed or AreaFate.PartnerSilent ? 0 : 1;

    public SimulatedPartner Partner(string id) => Partners.First(p => p.Id == id);

    /// <summary>What the negotiation must end as, given the fate and the answers.</summary>
    public ExpectedOutcome Expected() => Fate switch
    {
        AreaFate.PartnerSilent => new ExpectedOutcome("deadlineMissed", new Dictionary<string, string> { [SpecialPartnerId!] = "noResponse" }),
        AreaFate.ObjectionStands => new ExpectedOutcome("deadlineMissed", new Dictionary<string, string> { [SpecialPartnerId!] = "objected" }),
        _ => new ExpectedOutcome("finalised", Partners.ToDictionary(p => p.Id, _ => "endorsed", StringComparer.Ordinal)),
    };
}
