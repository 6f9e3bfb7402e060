using System.Text.Json.Serialization;

namespace LaaWorkflow.Negotiation.Domain;

/// <summary>A partner's answer to the consultation.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AnswerDecision>))]
public enum AnswerDecision
{
    /// <summary>Endorses the draft.</summary>
    Endorse,

    /// <summary>Objects to the draft; a reason is required.</summary>
    Object,

    /// <summary>Asks the LSP lead for changes; a comment is required.</summary>
    RequestChanges,
}

/// <summary>Decision helpers.</summary>
public static class AnswerDecisionExtensions
{
    /// <summary>The partner status an answer leaves the partner in.</summary>
    public static PartnerStatus ToStatus(this AnswerDecision decision) => decision switch
    {
        AnswerDecision.Endorse => PartnerStatus.Endorsed,
        AnswerDecision.Object => PartnerStatus.Objected,
        _ => PartnerStatus.ChangesRequested,
    };

    /// <summary>Parses the wire forms <c>endorse</c>, <c>object</c>, <c>request-changes</c> (also <c>requestChanges</c>).</summary>
    public static bool TryParse(string? text, out AnswerDecision decision)
    {
        decision = default;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "ENDORSE":
                decision = AnswerDecision.Endorse;
                return true;
            case "OBJECT":
                decision = AnswerDecision.Object;
                return true;
            case "REQUEST-CHANGES" or "REQUESTCHANGES" or "REQUEST_CHANGES":
                decision = AnswerDecision.RequestChanges;
                return true;
            default:
                return false;
        }
    }
}
