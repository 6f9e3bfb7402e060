using LaaWorkflow.Durable;

namespace LaaWorkflow.Durable.Tests.Abstractions;

public sealed class RetryPolicyTests
{
    [Fact]
    public void GetDelay_ExponentialBackoff_GrowsUntilTheCap()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromMinutes(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5));

        var delays = Enumerable.Range(1, 5).Select(policy.GetDelay).ToList();

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)], delays);
    }

    [Theory]
    [InlineData(0, 60, 1.0)]
    [InlineData(3, 0, 1.0)]
    [InlineData(3, 60, 0.5)]
    public void Constructor_InvalidSettings_ThrowsNamingTheArgument(int attempts, int firstSeconds, double backoff)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RetryPolicy(attempts, TimeSpan.FromSeconds(firstSeconds), backoff));

        Assert.False(string.IsNullOrEmpty(error.ParamName));
    }

    [Fact]
    public void IsCausedBy_FailureFromException_MatchesTypeAndBaseType()
    {
        var details = TaskFailureDetails.FromException(new FileNotFoundException("gone"));

        Assert.True(details.IsCausedBy<FileNotFoundException>());
        Assert.True(details.IsCausedBy<IOException>());
        Assert.False(details.IsCausedBy<ArgumentException>());
    }
}
