using System.Globalization;

namespace LaaWorkflow.Negotiation.Orchestrations;

/// <summary>
/// Deterministic instance ids, so an answer can be raised to the right instance from the ids in its token alone, even
/// before the instance has started.
/// </summary>
internal static class InstanceIds
{
    private const string PartnerMarker = ":partner:";

    /// <summary>The agreement orchestration's id is the negotiation id.</summary>
    public static string Agreement(string negotiationId) => negotiationId;

    /// <summary>One partner's consultation in one round: <c>{negotiationId}:partner:{partnerId}:{round}</c>.</summary>
    public static string Partner(string negotiationId, string partnerId, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"{negotiationId}{PartnerMarker}{partnerId}:{round}");

    /// <summary>True when <paramref name="id"/> could be a negotiation id (used to refuse ids that would confuse row keys).</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 80 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !id.Contains(PartnerMarker, StringComparison.Ordinal);
}
