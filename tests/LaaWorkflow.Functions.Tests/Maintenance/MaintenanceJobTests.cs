using LaaWorkflow.Web.Maintenance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace LaaWorkflow.Functions.Tests.Maintenance;

/// <summary>
/// The maintenance timer's job, as the Functions app's timer function runs it: the purge cut-off follows the retention
/// setting, a late timer is reported, and a retention that would purge live audit trails stops the app starting.
/// </summary>
public sealed class MaintenanceJobTests
{
    private static readonly DateTimeOffset s_now = new(2008, 7, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_ConfiguredRetention_PurgesInstancesCreatedBeforeTheCutoff()
    {
        var runtime = new RecordingMaintenance(purged: 5);
        using var services = Services(new() { ["Maintenance:FinishedInstanceRetention"] = "30.00:00:00" });

        var report = await services.GetRequiredService<MaintenanceJob>().RunAsync(runtime, isPastDue: false, lastRun: s_now.AddMinutes(-5), CancellationToken.None);

        Assert.Equal([("purge", s_now.AddDays(-30))], runtime.Calls);
        Assert.Equal(["Purged 5 finished instances created before 2008-06-01T02:00:00.0000000+00:00."], report);
    }

    [Fact]
    public async Task RunAsync_TimerPastDue_SaysSoAndStillPurges()
    {
        var runtime = new RecordingMaintenance(purged: 1);
        using var services = Services([]);

        var report = await services.GetRequiredService<MaintenanceJob>().RunAsync(runtime, isPastDue: true, lastRun: null, CancellationToken.None);

        Assert.Single(runtime.Calls);
        Assert.Contains(report, line => line.Contains("past due", StringComparison.Ordinal) && line.Contains("unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_DefaultRetention_KeepsAYearOfFinishedAgreements()
    {
        var runtime = new RecordingMaintenance(purged: 0);
        using var services = Services([]);

        await services.GetRequiredService<MaintenanceJob>().RunAsync(runtime, isPastDue: false, lastRun: null, CancellationToken.None);

        var purgeCutoff = runtime.Calls.Single(c => c.Operation == "purge").Time;
        Assert.True(purgeCutoff < s_now.AddDays(-365), $"cut-off {purgeCutoff:o} keeps less than a year");
    }

    [Theory]
    [InlineData("-1.00:00:00")]
    [InlineData("00:00:00")]
    public void AddMaintenance_NonPositiveRetention_RefusesNamingTheSetting(string retention)
    {
        using var services = Services(new() { ["Maintenance:FinishedInstanceRetention"] = retention });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<MaintenanceOptions>>().CurrentValue);

        Assert.Contains("Maintenance:FinishedInstanceRetention", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<TimeProvider>(new StoppedClock(s_now));
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddMaintenance();
        return services.BuildServiceProvider();
    }
}
