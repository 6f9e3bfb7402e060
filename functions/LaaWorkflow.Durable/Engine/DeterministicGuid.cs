using System.Security.Cryptography;
using System.Text;

namespace LaaWorkflow.Durable.Engine;

/// <summary>Name-based (RFC 4122 version 5) GUIDs, so an orchestration gets the same GUIDs on every replay.</summary>
internal static class DeterministicGuid
{
    // A fixed namespace for the product; changing it changes every GUID orchestrations derive.
    private static readonly Guid Namespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(string name)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        Namespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceBytes.CopyTo(input);
        nameBytes.CopyTo(input.AsSpan(16));
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is naming, not security.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
