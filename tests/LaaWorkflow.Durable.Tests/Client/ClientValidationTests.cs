using LaaWorkflow.Durable;
using LaaWorkflow.Testing.Durable;

namespace LaaWorkflow.Durable.Tests.Client;

public sealed class ClientValidationTests
{
    [Theory]
    [InlineData("has/slash")]
    [InlineData("has?query")]
    [InlineData(" ")]
    public async Task ScheduleNewOrchestrationInstanceAsync_BadInstanceId_ThrowsAndStoresNothing(string instanceId)
    {
        await using var host = await DurableTestHost.StartAsync(b => b
            .AddTasks(r => r.AddOrchestratorFunc<string?, string>("Quick", (_, _) => Task.FromResult("done")))
            .UseInMemoryBackend());

        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.StartAsync("Quick", instanceId: instanceId));

        Assert.Empty((await host.Client.GetInstancesPageAsync(new())).Instances);
    }

    [Fact]
    public async Task TerminateInstanceAsync_UnknownInstance_ThrowsNamingIt()
    {
        await using var host = await DurableTestHost.StartAsync(b => b.UseInMemoryBackend());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Client.TerminateInstanceAsync("nobody"));

        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnregisteredOrchestrator_InstanceFailsNamingIt()
    {
        await using var host = await DurableTestHost.StartAsync(b => b.UseInMemoryBackend());

        var id = await host.StartAsync("Missing");
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No orchestrator named 'Missing'", done.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActivity_SameNameTwice_ThrowsNamingIt()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Twice", (_, i) => i);

        var error = Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("Twice", (_, i) => i));

        Assert.Contains("'Twice'", error.Message, StringComparison.Ordinal);
    }
}
