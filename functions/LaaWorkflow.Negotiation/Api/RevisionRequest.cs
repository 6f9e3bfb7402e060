using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Api;

/// <summary>The body of <c>POST /api/negotiations/{id}/revisions</c>: the LSP lead's revised targets.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class RevisionRequest
{
    /// <summary>The whole revised target list, in the same shape as the start request.</summary>
    public IReadOnlyList<TargetRequest?>? Targets { get; init; }
}

/// <summary>The body of <c>POST /api/negotiations/{id}/government-office/decision</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class GovernmentOfficeDecisionRequest
{
    /// <summary>True to approve the draft, false to send it back for revision.</summary>
    public bool? Approved { get; init; }

    /// <summary>The negotiator's comment; required when rejecting.</summary>
    public string? Comment { get; init; }

    /// <summary>For a multi-area agreement whose authorities span several regions: the Government Office deciding (an admin's decision names it; a signed link carries it).</summary>
    public string? Office { get; init; }
}
