using LaaWorkflow.Durable.AzureStorage.Storage;
using Xunit;

namespace LaaWorkflow.Durable.AzureStorage.Tests.Tracking;

public sealed class KeyEncodingTests
{
    [Theory]
    [InlineData("plain-id", "plain-id")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("100%#?\\", "100%25%23%3F%5C")]
    public void Encode_ForbiddenCharacters_AreEscapedAndRoundTrip(string id, string key)
    {
        Assert.Equal(key, KeyEncoding.Encode(id));
        Assert.Equal(id, KeyEncoding.Decode(key));
    }
}
