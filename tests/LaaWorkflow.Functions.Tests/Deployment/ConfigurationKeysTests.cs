using LaaWorkflow.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Xunit;
using Xunit.Abstractions;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// Every setting the Functions app reads is set by infra/main.bicep (so Azure does not silently run on a default) and
/// listed in local.settings.sample.json; every setting the local host reads is in the sample or chosen in host.json's
/// extensions.durableTask (the engine's tuning, the same in Azure and locally). "Reads" is measured, not
/// declared: the real app starts with the sample's values behind a configuration source that records
/// every key asked of it, and every options type it registers is resolved so each bound section reads
/// all its keys.
/// </summary>
public sealed class ConfigurationKeysTests(ITestOutputHelper output)
{
    // Read by ASP.NET Core, the generic host or the Functions platform, not settings of ours.
    private static readonly string[] s_platformPrefixes =
    [
        "Logging", "Kestrel", "AllowedHosts", "urls", "http_ports", "https_ports", "ASPNETCORE_", "DOTNET_",
        "environment", "applicationName", "contentRoot", "webroot", "detailedErrors", "captureStartupErrors",
        "hostingStartupAssemblies", "hostingStartupExcludeAssemblies", "preventHostingStartup", "suppressStatusMessages",
        "shutdownTimeoutSeconds", "HostFilteringOptions", "Microsoft", "PREVENTHOSTINGSTARTUP", "HOSTINGSTARTUP",
        "FUNCTIONS_", "WEBSITE_", "APPLICATIONINSIGHTS_", "AzureFunctionsJobHost", "AzureWebJobsScriptRoot",
        "OpenApi", "https_port", "HTTPS_PORT", "ForwardedHeaders", "RateLimiting", "StaticWebAssets",
        "ReadOnlyDataProtectionKeyDirectory", "preferHostingUrls", "servicesStartConcurrently", "servicesStopConcurrently",
        "startupTimeoutSeconds",
    ];

    // Sections that are dictionaries: their child names are the operator's choice (key ids), so any child counts.
    private static readonly string[] s_dictionarySections = ["Email__Tokens__Keys"];

    [Fact]
    public async Task SettingsKeys_EveryKeyTheFunctionsAppReads_IsInTheBicepAppSettingsAndTheSample()
    {
        var read = await KeysTheFunctionsAppReadsAsync();
        var sample = AppSettings.Sample().Keys.ToList();
        var bicep = AppSettings.Bicep().Keys.ToList();
        output.WriteLine("Keys the Functions app read:\n" + string.Join("\n", read));

        var notInBicep = read.Where(key => !Covered(key, bicep)).ToList();
        var notInSample = read.Where(key => !Covered(key, sample)).ToList();

        Assert.Contains("AzureWebJobsStorage", read);
        Assert.Contains("Maintenance__FinishedInstanceRetention", read);
        Assert.True(notInBicep.Count == 0, "Read by the Functions app but missing from the appSettings of infra/main.bicep:\n" + string.Join("\n", notInBicep));
        Assert.True(notInSample.Count == 0, "Read by the Functions app but missing from local.settings.sample.json:\n" + string.Join("\n", notInSample));
    }

    [Fact]
    public async Task SettingsKeys_EveryKeyTheLocalHostReads_IsInTheSampleOrChosenInHostJson()
    {
        var read = await KeysTheLocalHostReadsAsync();
        var sample = AppSettings.Sample().Keys.ToList();
        output.WriteLine("Keys the local host read:\n" + string.Join("\n", read));

        // The engine's tuning is chosen once, in host.json's extensions.durableTask, for Azure and the local task hub.
        var inHostJson = AppSettings.HostJsonDurableTask();
        var notInSample = read.Where(key => !Covered(key, sample) && !inHostJson.Contains(key)).ToList();

        Assert.Contains("DurableTask__HubName", read);
        Assert.True(notInSample.Count == 0, "Read by the local host but missing from local.settings.sample.json:\n" + string.Join("\n", notInSample));
    }

    [Fact]
    public async Task SettingsKeys_SampleBeyondBicep_AreExactlyTheLocalHostsOwn()
    {
        // The sample serves both hosts; what it has beyond the Bicep settings must be settings only the local host reads
        // (its task hub), measured, so a setting Azure needs cannot hide there.
        var functionsApp = await KeysTheFunctionsAppReadsAsync();
        var localHost = await KeysTheLocalHostReadsAsync();
        var bicep = AppSettings.Bicep().Keys.Where(IsAppKey).ToList();
        var sample = AppSettings.Sample().Keys.Where(IsAppKey).ToList();

        var onlyInSample = sample.Where(key => !Covered(key, bicep)).ToList();
        var onlyInBicep = bicep.Where(key => !Covered(key, sample)).ToList();

        Assert.True(onlyInBicep.Count == 0, "In infra/main.bicep only: " + string.Join(", ", onlyInBicep));
        Assert.All(onlyInSample, key => Assert.True(
            Covered(key, localHost) && !Covered(key, functionsApp),
            $"{key} is in local.settings.sample.json but not in infra/main.bicep, and it is not a setting only the local host reads"));
    }

    [Fact]
    public void TaskHubName_HostJsonReadsTheSettingBicepSets()
    {
        Assert.Equal("%TaskHubName%", AppSettings.HostJsonHubName());
        Assert.True(AppSettings.Bicep().ContainsKey("TaskHubName"), "infra/main.bicep does not set TaskHubName, which host.json's hubName names");
        Assert.True(AppSettings.Sample().ContainsKey("TaskHubName"), "local.settings.sample.json does not list TaskHubName");
    }

    [Fact]
    public void BicepAppSettings_ProductionSwitches_AreOff()
    {
        var bicep = AppSettings.Bicep();

        Assert.Equal("'false'", bicep["Host__DevRoutes"]);
        Assert.Equal("'false'", bicep["Rehearsals__Enabled"]);
        Assert.Equal("'SendGrid'", bicep["Email__Transport"]);
        Assert.Equal("'managedidentity'", bicep["AzureWebJobsStorage__credential"]);
        Assert.False(bicep.ContainsKey("AzureWebJobsStorage"), "Azure must reach storage by identity, not a connection string");
        Assert.False(bicep.ContainsKey("FUNCTIONS_WORKER_RUNTIME"), "Flex Consumption takes the runtime from functionAppConfig and refuses this setting");
    }

    private static async Task<IReadOnlyList<string>> KeysTheLocalHostReadsAsync()
    {
        var recorder = new RecordingConfigurationSource();
        IServiceCollection? registered = null;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in AppSettings.Sample())
            {
                web.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
            web.ConfigureAppConfiguration((_, configuration) => configuration.Add(recorder));
            web.ConfigureServices(services => registered = services);
        });
        var services = factory.Services;
        // Some settings are read on use: the health check reads the storage connection.
        using (var client = factory.CreateClient())
        {
            using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        }
        return KeysRead(recorder, registered!, services);
    }

    /// <summary>The Functions app's services as its entry point registers them, over the sample's values.</summary>
    private static async Task<IReadOnlyList<string>> KeysTheFunctionsAppReadsAsync()
    {
        var recorder = new RecordingConfigurationSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(AppSettings.Sample().Select(pair =>
            new KeyValuePair<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)));
        ((IConfigurationBuilder)builder.Configuration).Add(recorder);
        builder.Services.AddFunctionsApp(builder.Configuration);
        var registered = builder.Services;
        await using var app = builder.Build();
        await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return KeysRead(recorder, registered, app.Services);
    }

    /// <summary>Resolves every options type of ours the host registered, so each bound section reads all its keys.</summary>
    private static IReadOnlyList<string> KeysRead(RecordingConfigurationSource recorder, IServiceCollection registered, IServiceProvider services)
    {
        var optionsTypes = registered
            .Select(descriptor => descriptor.ServiceType)
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
            .Select(type => type.GetGenericArguments()[0])
            .Where(type => type.Namespace?.StartsWith("LaaWorkflow", StringComparison.Ordinal) == true)
            .Distinct()
            .ToList();
        foreach (var type in optionsTypes)
        {
            var monitor = services.GetRequiredService(typeof(IOptionsMonitor<>).MakeGenericType(type));
            _ = monitor.GetType().GetProperty(nameof(IOptionsMonitor<object>.CurrentValue))!.GetValue(monitor);
        }

        // The binder also asks for get-only properties (computed from others) and for each section's own
        // value; neither is a setting anyone can set.
        var computed = optionsTypes
            .SelectMany(type => type.GetProperties().Where(property => !property.CanWrite).Select(property => property.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var keys = recorder.Keys.Select(AppSettings.AppSettingName).Where(IsAppKey).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. keys
            .Where(key => !computed.Contains(key.Split("__")[^1]))
            .Where(key => key.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase)
                || !keys.Any(other => other.StartsWith(key + "__", StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)];
    }

    private static bool IsAppKey(string key) =>
        !s_platformPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        && !key.Equals("AzureWebJobsDisableHomepage", StringComparison.OrdinalIgnoreCase);

    private static bool Covered(string key, IReadOnlyCollection<string> names)
    {
        if (names.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }
        // The Functions identity form stands for the connection string: AzureWebJobsStorage__accountName etc.
        if (key.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase) || key.StartsWith("AzureWebJobsStorage__", StringComparison.OrdinalIgnoreCase))
        {
            return names.Any(name => name.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase))
                || names.Any(name => name.StartsWith("AzureWebJobsStorage__", StringComparison.OrdinalIgnoreCase));
        }
        var section = s_dictionarySections.FirstOrDefault(s => key.StartsWith(s + "__", StringComparison.OrdinalIgnoreCase));
        return section is not null && names.Any(name => name.StartsWith(section + "__", StringComparison.OrdinalIgnoreCase));
    }
}
