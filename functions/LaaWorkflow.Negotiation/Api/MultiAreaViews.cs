using LaaWorkflow.Negotiation.Domain;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>A participating authority of a multi-area agreement and its endorsement, given by its LSP lead.</summary>
public sealed class AuthorityView
{
    /// <summary>The authority's id (also its id among the consulted parties in <c>partners</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The council's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its Government Office region.</summary>
    public required string GovernmentOffice { get; init; }

    /// <summary>True for the lead authority.</summary>
    public required bool Lead { get; init; }

    /// <summary>Its endorsement's standing, as a partner's (<c>invited</c>, <c>reminded</c>, <c>endorsed</c>, ...).</summary>
    public required PartnerStatus Endorsement { get; init; }

    /// <summary>When its LSP lead answered, if they have.</summary>
    public DateTime? AnsweredAt { get; init; }
}

/// <summary>One Government Office concerned by a multi-area agreement and its decision on the current submission.</summary>
public sealed class GovernmentOfficeView
{
    /// <summary>The region.</summary>
    public required string Office { get; init; }

    /// <summary><c>waiting</c> (the draft is with it), <c>approved</c>, <c>rejected</c>, or <c>none</c> (nothing submitted now).</summary>
    public required string Decision { get; init; }
}
