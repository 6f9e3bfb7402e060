using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Negotiation.Demo;

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

    /// <summary>
    /// A new negotiation id: the area's slug and a suffix that is random, or derived from the idempotency key so that a
    /// repeated start names the same instance.
    /// </summary>
    public static string NewNegotiation(string area, string? idempotencyKey)
    {
        var slug = DemoNegotiations.Slug(area);
        if (slug.Length == 0)
        {
            slug = "laa";
        }
        else if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }

        var suffix = idempotencyKey is null
            ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..16];
        return slug + "-" + suffix;
    }

    /// <summary>True when <paramref name="id"/> could be a negotiation id (used to refuse ids that would confuse row keys).</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 80 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !id.Contains(PartnerMarker, StringComparison.Ordinal);
}
