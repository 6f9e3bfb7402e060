using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Durable.AzureStorage;

/// <summary>Chooses the Azure Storage backend for the durable worker and client.</summary>
public static class AzureStorageDurableExtensions
{
    /// <summary>
    /// Uses the Azure Storage backend: <c>b.UseAzureStorageBackend(o =&gt; { o.ConnectionString = ...; o.TaskHubName = "Laa"; })</c>.
    /// Timers run on the registered <see cref="TimeProvider"/> (a virtual clock in tests and demos).
    /// </summary>
    public static DurableTaskWorkerBuilder UseAzureStorageBackend(this DurableTaskWorkerBuilder builder, Action<AzureStorageDurableOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageDurableOptions();
        configure(options);
        builder.Services.TryAddSingleton(sp => new AzureStorageDurableBackend(
            options, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>()));
        return builder.UseBackend(sp => sp.GetRequiredService<AzureStorageDurableBackend>());
    }
}
