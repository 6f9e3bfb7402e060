using Microsoft.Extensions.Configuration;

namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// A configuration source that provides nothing and remembers every key asked of it. Added last, it is
/// asked first for every key the app reads, so after start-up it holds the app's settings keys.
/// </summary>
internal sealed class RecordingConfigurationSource : IConfigurationSource
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Keys
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(this);

    private sealed class Provider(RecordingConfigurationSource source) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            lock (source._keys)
            {
                source._keys.Add(key);
            }
            value = null;
            return false;
        }
    }
}
