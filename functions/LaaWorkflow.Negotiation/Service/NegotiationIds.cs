using System.Security.Cryptography;
using System.Text;
using LaaWorkflow.Negotiation.Demo;

namespace LaaWorkflow.Negotiation.Service;

/// <summary>Names new negotiations (outside any orchestration: it may use randomness).</summary>
internal static class NegotiationIds
{
    /// <summary>
    /// A new negotiation id: the area's slug and a suffix that is random, or derived from the idempotency key so that a
    /// repeated start names the same instance.
    /// </summary>
    public static string New(string area, string? idempotencyKey)
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

}
