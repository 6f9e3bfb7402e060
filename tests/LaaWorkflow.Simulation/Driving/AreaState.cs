using LaaWorkflow.Negotiation.Api;
using LaaWorkflow.Simulation.Areas;

namespace LaaWorkflow.Simulation.Driving;

/// <summary>What the driver knows and has done for one area's negotiation.</summary>
internal sealed class AreaState(SimulatedArea area, string id)
{
    public SimulatedArea Area { get; } = area;

    public string Id { get; } = id;

    /// <summary>Answers already planned, by partner and round, so a resent email is not answered twice.</summary>
    public HashSet<string> Answered { get; } = new(StringComparer.Ordinal);

    /// <summary>Rounds and submissions the LSP lead has already reacted to.</summary>
    public HashSet<string> LeadReacted { get; } = new(StringComparer.Ordinal);

    public HashSet<int> Submissions { get; } = [];

    public IReadOnlyList<TargetRequest?> Targets { get; set; } = area.Request.Targets!;

    public int RevisionsPlanned { get; set; }

    public int RevisionsMade { get; set; }

    /// <summary>Set once the final notice reaches the LSP lead.</summary>
    public string? EndedAs { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
