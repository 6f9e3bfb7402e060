using System.Text;

namespace LaaWorkflow.Durable.AzureStorage.Partitions;

/// <summary>
/// Maps an instance id to its partition with a hash that is the same in every process and every .NET version
/// (string.GetHashCode is randomised per process, so two hosts would disagree).
/// </summary>
internal static class PartitionHash
{
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (int)(Fnv1a(instanceId) % (uint)partitionCount);
    }

    /// <summary>32-bit FNV-1a over the UTF-8 bytes.</summary>
    public static uint Fnv1a(string value)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(value) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(value, buffer)]
            : Encoding.UTF8.GetBytes(value);
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * prime);
        }

        return hash;
    }
}
