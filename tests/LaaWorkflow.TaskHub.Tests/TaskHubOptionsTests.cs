using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.TaskHub.Tests;

/// <summary>
/// The settings take host.json's durableTask names, so a value tuned for Azure means the same here, and host.json is
/// where the values are chosen for both.
/// </summary>
public sealed class TaskHubOptionsTests
{
    [Fact]
    public void Bind_HostJsonStyleKeys_SetsEveryOption()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DurableTask:HubName"] = "Rehearsal2008",
            ["DurableTask:StorageProvider:Type"] = "InMemory",
            ["DurableTask:StorageProvider:PartitionCount"] = "8",
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.250",
            ["DurableTask:StorageProvider:ControlQueueBatchSize"] = "16",
            ["DurableTask:StorageProvider:ControlQueueBufferThreshold"] = "64",
            ["DurableTask:StorageProvider:ControlQueueVisibilityTimeout"] = "00:01:00",
            ["DurableTask:StorageProvider:WorkItemQueueVisibilityTimeout"] = "00:02:00",
            ["DurableTask:MaxConcurrentActivityFunctions"] = "5",
            ["DurableTask:MaxConcurrentOrchestratorFunctions"] = "6",
            ["DurableTask:ExtendedSessionsEnabled"] = "true",
            ["DurableTask:ExtendedSessionIdleTimeoutInSeconds"] = "7",
            ["DurableTask:WorkerId"] = "host-a",
        }).Build();

        var options = configuration.GetSection(TaskHubOptions.Section).Get<TaskHubOptions>()!;

        Assert.Equal(("Rehearsal2008", "InMemory", 8), (options.HubName, options.StorageProvider.Type, options.StorageProvider.PartitionCount));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal((16, 64), (options.StorageProvider.ControlQueueBatchSize, options.StorageProvider.ControlQueueBufferThreshold));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)), (options.StorageProvider.ControlQueueVisibilityTimeout, options.StorageProvider.WorkItemQueueVisibilityTimeout));
        Assert.Equal((5, 6, true, 7, "host-a"), (options.MaxConcurrentActivityFunctions, options.MaxConcurrentOrchestratorFunctions, options.ExtendedSessionsEnabled, options.ExtendedSessionIdleTimeoutInSeconds, options.WorkerId));
    }

    [Fact]
    public void AddLocalTaskHub_NoDurableTaskSection_TakesEveryValueHostJsonChose()
    {
        var chosen = HostJsonDurableTask();
        Assert.NotEmpty(chosen);

        var options = Resolve(new Dictionary<string, string?>());

        foreach (var (key, value) in chosen)
        {
            if (value.StartsWith('%'))
            {
                // A per-deployment app setting (hubName: %TaskHubName%): the local host keeps its own, not the reference.
                Assert.DoesNotContain("%", ValueAt(options, key), StringComparison.Ordinal);
                continue;
            }
            Assert.True(value == ValueAt(options, key), $"host.json sets durableTask.{key} to {value}; the local task hub runs with {ValueAt(options, key)}.");
        }
    }

    [Fact]
    public void AddLocalTaskHub_DurableTaskSection_OverridesHostJson()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["DurableTask:StorageProvider:MaxQueuePollingInterval"] = "00:00:00.100",
            ["DurableTask:MaxConcurrentOrchestratorFunctions"] = "3",
        });

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal(3, options.MaxConcurrentOrchestratorFunctions);
        Assert.Equal(HostJsonDurableTask()["storageProvider:partitionCount"], ValueAt(options, "storageProvider:partitionCount"));
    }

    private static TaskHubOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLocalTaskHub(configuration, "UseDevelopmentStorage=true", _ => { });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<TaskHubOptions>>().Value;
    }

    /// <summary>host.json's extensions.durableTask, read from the app's file (not through the code under test), as path to JSON text.</summary>
    private static Dictionary<string, string> HostJsonDurableTask()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "LaaWorkflow.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }

        var path = Path.Combine(root.FullName, "functions", "LaaWorkflow.Functions", "host.json");
        var durableTask = JsonNode.Parse(File.ReadAllText(path))!["extensions"]!["durableTask"]!.AsObject();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in durableTask)
        {
            if (node is JsonObject section)
            {
                foreach (var (inner, value) in section)
                {
                    values[name + ":" + inner] = value!.ToJsonString().Trim('"');
                }
            }
            else
            {
                values[name] = node!.ToJsonString().Trim('"');
            }
        }

        return values;
    }

    /// <summary>The option at a host.json path, in host.json's notation (numbers, booleans as JSON, time spans as c-format).</summary>
    private static string ValueAt(TaskHubOptions options, string key)
    {
        object target = options;
        foreach (var part in key.Split(':'))
        {
            var property = target.GetType().GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
                ?? throw new InvalidOperationException($"TaskHubOptions has no {key}: host.json names a setting the local task hub does not read.");
            target = property.GetValue(target)!;
        }

        return target switch
        {
            bool b => b ? "true" : "false",
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => target.ToString()!,
        };
    }
}
