using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LaaWorkflow.Benchmarks.DurableEngine;

/// <summary>
/// Counts DurableTask.AzureStorage's structured log events by name (episodes' history reads and checkpoints, control
/// queues pausing because too many messages are buffered, ...), so a figure comes with what the engine did to reach it.
/// </summary>
internal sealed class EngineEvents : ILoggerProvider
{
    /// <summary>The logger category DurableTask.AzureStorage writes its events to.</summary>
    public const string Category = "DurableTask.AzureStorage";

    /// <summary>The events a figure is explained by, in the order they are printed.</summary>
    public static readonly string[] Explaining =
    [
        "ReceivedMessage", "FetchedInstanceHistory", "AppendedInstanceHistory", "PendingOrchestratorMessageLimitReached", "WaitingForMoreMessages",
    ];

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Counter(_counts) : NullLogger.Instance;

    /// <summary>The counts since the last call, and starts counting afresh.</summary>
    public IReadOnlyDictionary<string, long> Take()
    {
        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in _counts.Keys)
        {
            taken[name] = _counts.TryRemove(name, out var count) ? count : 0;
        }

        return taken;
    }

    public void Dispose()
    {
    }

    private sealed class Counter(ConcurrentDictionary<string, long> counts) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            counts.AddOrUpdate(eventId.Name ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
