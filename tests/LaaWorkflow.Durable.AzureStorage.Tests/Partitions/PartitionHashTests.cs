using LaaWorkflow.Durable.AzureStorage.Partitions;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Partitions;

public sealed class PartitionHashTests
{
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv1a_KnownVectors_MatchTheReferenceValues(string input, uint expected) =>
        Assert.Equal(expected, PartitionHash.Fnv1a(input));

    [Fact]
    public void PartitionOf_ManyIds_SpreadsOverEveryPartition()
    {
        var counts = new int[4];
        for (var i = 0; i < 4_000; i++)
        {
            counts[PartitionHash.PartitionOf($"negotiation-{i}", 4)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void PartitionOf_LongNonAsciiId_IsStableAndInRange()
    {
        var id = new string('é', 300) + "/partner";
        var first = PartitionHash.PartitionOf(id, 7);
        Assert.InRange(first, 0, 6);
        Assert.Equal(first, PartitionHash.PartitionOf(new string(id.ToCharArray()), 7));
    }

    [Fact]
    public void PartitionOf_ZeroPartitions_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PartitionHash.PartitionOf("x", 0));
}
