namespace LaaWorkflow.Testing.Hosting;

/// <summary>How to start a <see cref="HostProcess"/>: the storage it shares with other hosts, and any overrides.</summary>
public sealed class HostProcessSettings
{
    /// <summary>The Azurite (or account) connection string: <c>AzureWebJobsStorage</c>.</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>The task hub; hosts with the same hub and storage share the work.</summary>
    public string HubName { get; init; } = "LaaWorkflow";

    public string AdminKey { get; init; } = "test-admin-key";

    /// <summary>The answer-token signing key (base64, 32 bytes); hosts sharing a hub must share it.</summary>
    public string TokenKey { get; init; } = Convert.ToBase64String("laaworkflow-test-token-key-32byt"u8);

    /// <summary>Extra configuration as environment variables (<c>Section__Key</c>), applied last.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The host binary; by default the one built under <c>functions/LaaWorkflow.LocalHost/bin</c>.</summary>
    public string? HostDll { get; init; }

    /// <summary>
    /// The port to listen on; unset picks a free one. A host restarted on its predecessor's port keeps the answer
    /// links already emailed working, as a redeployed app keeps its address.
    /// </summary>
    public int? Port { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A file that receives every line the host writes, for runs long enough that the in-memory tail is not enough to
    /// find out afterwards what went wrong. Unset keeps only the tail.
    /// </summary>
    public string? LogFile { get; init; }
}
