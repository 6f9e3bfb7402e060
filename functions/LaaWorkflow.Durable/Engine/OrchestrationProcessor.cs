using System.Collections.Concurrent;
using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LaaWorkflow.Durable.Engine;

/// <summary>
/// Runs one orchestration work item through the checkpoint order of the backend contract: load (or take from the cache),
/// plan and run the episode, commit atomically, send the outbox, complete the work item.
/// </summary>
internal sealed class OrchestrationProcessor
{
    private const int MaxConflictRetries = 3;

    private readonly IDurableBackend _backend;
    private readonly TimeProvider _time;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly EpisodePlanner _planner;
    private readonly ConcurrentDictionary<string, InstanceSession> _cache = new(StringComparer.Ordinal);

    public OrchestrationProcessor(
        IDurableBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider services,
        TimeProvider time,
        IOptions<DurableTaskWorkerOptions> options,
        ILoggerFactory? loggerFactory = null)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        _backend = backend;
        _time = time;
        _options = options.Value;
        _logger = loggerFactory.CreateLogger("LaaWorkflow.Durable.Worker");
        var maxDelay = backend.Messages.MaxMessageDelay;
        _planner = new EpisodePlanner(instanceId => new OrchestrationExecutor(
            instanceId,
            name => registry.TryGetOrchestrator(name, out var factory) ? factory(services) : null,
            loggerFactory,
            maxDelay), _options.RetryDelay);
    }

    /// <summary>How many instances are held in memory.</summary>
    public int CachedInstanceCount => _cache.Count;

    public async Task ProcessAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var instanceId = workItem.InstanceId;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // The instance is locked to this worker, so taking the session out of the cache is safe.
                _cache.TryRemove(instanceId, out var session);
                var cached = session is not null;
                session ??= await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
                var decision = _planner.Plan(session, workItem.Messages, _time.GetUtcNow(), _backend.Messages.MaxMessageDelay);
                if (cached && decision is EpisodeDecision.Discard)
                {
                    // A cached session may be stale: another worker may have run the instance since (its partition
                    // moved there and back). A commit from it fails on the ETag, but a discard checks nothing, and a
                    // stale session takes a result for a timer or task it never saw for a duplicate. Only what is
                    // stored now may decide that a message is to be dropped.
                    session = await LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
                    decision = _planner.Plan(session, workItem.Messages, _time.GetUtcNow(), _backend.Messages.MaxMessageDelay);
                }

                switch (decision)
                {
                    case EpisodeDecision.Discard discard:
                        Logs.MessagesDiscarded(_logger, instanceId, workItem.Messages.Count, discard.Reason);
                        await _backend.Orchestrations.CompleteAsync(workItem, cancellationToken).ConfigureAwait(false);
                        Keep(session);
                        return;
                    case EpisodeDecision.Postpone postpone:
                        await _backend.Orchestrations.AbandonAsync(workItem, postpone.Delay, cancellationToken).ConfigureAwait(false);
                        Keep(session);
                        return;
                    case EpisodeDecision.Commit commit:
                        if (await TryCheckpointAsync(workItem, commit, attempt, cancellationToken).ConfigureAwait(false))
                        {
                            return;
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"Unknown decision {decision}.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _cache.TryRemove(instanceId, out _);
        }
#pragma warning disable CA1031 // A failed work item is logged and retried; the worker loop must keep running.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _cache.TryRemove(instanceId, out _);
            Logs.OrchestrationWorkItemFailed(_logger, instanceId, ex);
            await _backend.Orchestrations.AbandonAsync(workItem, _options.RetryDelay, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryCheckpointAsync(OrchestrationWorkItem workItem, EpisodeDecision.Commit commit, int attempt, CancellationToken cancellationToken)
    {
        var checkpoint = commit.Checkpoint;
        string etag;
        try
        {
            etag = await _backend.Tracking.CommitAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointConflictException) when (attempt < MaxConflictRetries)
        {
            // Someone else wrote this instance (a client reusing the id, or a second owner): reload and run again.
            Logs.CheckpointConflict(_logger, workItem.InstanceId, attempt);
            return false;
        }

        if (checkpoint.Outbox.Count > 0)
        {
            await _backend.Messages.SendAsync(checkpoint.Outbox, cancellationToken).ConfigureAwait(false);
            await _backend.Tracking.ClearOutboxAsync(workItem.InstanceId, etag, cancellationToken).ConfigureAwait(false);
        }

        await _backend.Orchestrations.CompleteAsync(workItem, cancellationToken).ConfigureAwait(false);
        DurableCounts.EpisodeCommitted(workItem.Messages, commit.Executor?.IsFinished ?? true);
        Logs.EpisodeCommitted(_logger, workItem.InstanceId, checkpoint.NewEvents.Count, checkpoint.Outbox.Count, checkpoint.Instance.RuntimeStatus);
        if (commit.Executor?.IsFinished ?? true)
        {
            Logs.InstanceFinished(_logger, workItem.InstanceId, checkpoint.Instance.RuntimeStatus);
        }

        Keep(new InstanceSession(commit.Executor, checkpoint.Instance, etag));
        return true;
    }

    private void Keep(InstanceSession session)
    {
        // Finished instances are not kept: they rarely get more work, and a restart rewrites them anyway.
        if (_options.MaxCachedInstances <= 0 || session.Row is null || session.Executor is not { IsFinished: false })
        {
            return;
        }

        if (_cache.Count >= _options.MaxCachedInstances)
        {
            foreach (var key in _cache.Keys.Take(Math.Max(1, _options.MaxCachedInstances / 10)))
            {
                _cache.TryRemove(key, out _);
            }
        }

        _cache[session.Row.InstanceId] = session;
    }

    private async Task<InstanceSession> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var state = await _backend.Tracking.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return new InstanceSession(null, null, null);
        }

        if (state.Outbox.Count > 0)
        {
            // The last owner committed but may have stopped before sending: send again; receivers drop duplicates.
            Logs.OutboxResent(_logger, instanceId, state.Outbox.Count);
            await _backend.Messages.SendAsync(state.Outbox, cancellationToken).ConfigureAwait(false);
            await _backend.Tracking.ClearOutboxAsync(instanceId, state.ETag, cancellationToken).ConfigureAwait(false);
        }

        OrchestrationExecutor? executor = null;
        if (state.History.Count > 0)
        {
            executor = _planner.NewExecutor(instanceId);
            executor.Replay(state.History);
        }

        return new InstanceSession(executor, state.Instance, state.ETag);
    }
}
