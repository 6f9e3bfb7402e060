using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>
/// The body of <c>POST /api/negotiations/{id}/refreshes</c>: the yearly refresh of a finalised agreement. The targets
/// are the whole proposed list, as in a revision; what was added, changed or dropped is worked out against the
/// agreement being refreshed.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefreshRequest
{
    /// <summary>The year of the refresh, for example <c>2009</c>: after the refreshed version's year, within the period.</summary>
    public string? Year { get; init; }

    /// <summary>The whole proposed target list, in the same shape as the start request.</summary>
    public IReadOnlyList<TargetRequest?>? Targets { get; init; }

    /// <summary>The refresh's consultation timetable: when it opens, when answers are due, the sign-off deadline.</summary>
    public TimetableRequest? Timetable { get; init; }

    /// <summary>Makes the refresh a rehearsal running on its own calendar; absent for a real one.</summary>
    public PaceRequest? Pace { get; init; }
}
