using LaaWorkflow.Testing;

namespace LaaWorkflow.Simulation.Tests;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Parse_NoArguments_GivesTheNationalRoundOnOneAndTwoHosts()
    {
        var options = SimulationOptions.Parse([]);

        Assert.Equal(150, options.Areas);
        Assert.Equal([1, 2], options.HostCounts);
        Assert.Equal(AzuritePersistence.TablesInMemory, options.Azurite);
        Assert.Equal(20, options.SecondsPerDay);
    }

    [Fact]
    public void Parse_Pace_SetsSecondsPerBusinessDay()
    {
        Assert.Equal(0.75, SimulationOptions.Parse(["--pace", "0.75"]).SecondsPerDay);
    }

    [Theory]
    [InlineData("memory", AzuritePersistence.Memory)]
    [InlineData("disk", AzuritePersistence.Disk)]
    [InlineData("split", AzuritePersistence.TablesInMemory)]
    public void Parse_Azurite_ChoosesWhereItKeepsItsData(string value, AzuritePersistence expected)
    {
        Assert.Equal(expected, SimulationOptions.Parse(["--azurite", value]).Azurite);
    }

    [Fact]
    public void Parse_AllOptions_AreRead()
    {
        var options = SimulationOptions.Parse(["--areas", "10", "--hosts", "2", "--seed", "5", "--partitions", "8", "--out", "x"]);

        Assert.Equal((10, 5, 8, "x"), (options.Areas, options.Seed, options.Partitions, options.OutputFolder));
        Assert.Equal([2], options.HostCounts);
    }

    [Theory]
    [InlineData("--hosts", "3", "--hosts")]
    [InlineData("--areas", "0", "--areas")]
    [InlineData("--areas", "many", "--areas")]
    [InlineData("--colour", "red", "--colour")]
    [InlineData("--azurite", "cloud", "--azurite")]
    [InlineData("--pace", "0", "--pace")]
    [InlineData("--pace", "fast", "--pace")]
    public void Parse_BadOption_NamesIt(string option, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => SimulationOptions.Parse([option, value]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
