using LaaWorkflow.Functions.CustomHandler;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace LaaWorkflow.Functions.Tests.CustomHandler;

public sealed class CustomHandlerPortTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("7071", 7071)]
    [InlineData("65535", 65535)]
    public void Read_AbsentOrValidPort_ReturnsIt(string? value, int? expected)
    {
        Assert.Equal(expected, CustomHandlerPort.Read(Settings(value)));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("-1")]
    [InlineData("80 ")]
    public void Read_NotAPort_ThrowsNamingTheSettingAndValue(string value)
    {
        var failure = Assert.Throws<InvalidOperationException>(() => CustomHandlerPort.Read(Settings(value)));

        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(string? port) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port })
        .Build();
}
