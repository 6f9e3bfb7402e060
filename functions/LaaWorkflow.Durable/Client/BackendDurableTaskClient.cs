using LaaWorkflow.Durable.Backend;
using LaaWorkflow.Durable.History;

namespace LaaWorkflow.Durable.Client;

/// <summary>The client over a backend: writes rows and sends control messages; the worker does the rest.</summary>
internal sealed class BackendDurableTaskClient(IDurableBackend backend, TimeProvider time) : DurableTaskClient
{
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        return ScheduleAsync(orchestratorName.Name, DurableJson.Serialize(input), instanceId, options?.StartAt, cancellation);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var messageId = NewId();
        var raised = new EventRaisedEvent(eventName, DurableJson.Serialize(eventPayload)) { MessageId = messageId, Timestamp = time.GetUtcNow() };
        return backend.Messages.SendAsync([new TaskMessage(messageId, instanceId, null, raised)], cancellation);
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        var row = await backend.Tracking.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
        return row is null ? null : ToMetadata(row, getInputsAndOutputs);
    }

    public override async Task<OrchestrationQueryPage> GetInstancesPageAsync(OrchestrationQuery query, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1000.");
        }

        var page = await backend.Tracking.QueryAsync(
            new InstanceQuery
            {
                Statuses = query.Statuses,
                CreatedFrom = query.CreatedFrom,
                CreatedTo = query.CreatedTo,
                InstanceIdPrefix = query.InstanceIdPrefix,
                PageSize = query.PageSize,
                ContinuationToken = query.ContinuationToken,
                IncludePayloads = query.FetchInputsAndOutputs,
            },
            cancellation).ConfigureAwait(false);
        return new OrchestrationQueryPage([.. page.Instances.Select(r => ToMetadata(r, query.FetchInputsAndOutputs))], page.ContinuationToken);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        var row = await backend.Tracking.WaitForInstanceAsync(
            instanceId, r => r is not null && r.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation).ConfigureAwait(false);
        return await ReadAsync(instanceId, row!, getInputsAndOutputs, cancellation).ConfigureAwait(false);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        var row = await backend.Tracking.WaitForInstanceAsync(
            instanceId, r => r is not null && r.RuntimeStatus.IsTerminal(), cancellation).ConfigureAwait(false);
        return await ReadAsync(instanceId, row!, getInputsAndOutputs, cancellation).ConfigureAwait(false);
    }

    public override async Task TerminateInstanceAsync(string instanceId, object? output = null, bool recursive = false, CancellationToken cancellation = default)
    {
        var row = await RequireAsync(instanceId, cancellation).ConfigureAwait(false);
        if (row.RuntimeStatus.IsTerminal())
        {
            return;
        }

        await SendControlAsync(instanceId, new ExecutionTerminatedEvent(DurableJson.Serialize(output), recursive), cancellation).ConfigureAwait(false);
    }

    public override async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireAsync(instanceId, cancellation).ConfigureAwait(false);
        await SendControlAsync(instanceId, new ExecutionSuspendedEvent(reason), cancellation).ConfigureAwait(false);
    }

    public override async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await RequireAsync(instanceId, cancellation).ConfigureAwait(false);
        await SendControlAsync(instanceId, new ExecutionResumedEvent(reason), cancellation).ConfigureAwait(false);
    }

    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        var row = await backend.Tracking.GetInstanceAsync(instanceId, includePayloads: true, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));
        if (!restartWithNewInstanceId && !row.RuntimeStatus.IsTerminal())
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {row.RuntimeStatus}; only a Completed, Failed or Terminated instance can be restarted under the same id.");
        }

        var newId = restartWithNewInstanceId ? NewId() : instanceId;
        return await ScheduleAsync(row.Name, row.Input, newId, null, cancellation).ConfigureAwait(false);
    }

    public override async Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        var row = await RequireAsync(instanceId, cancellation).ConfigureAwait(false);
        if (row.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {row.RuntimeStatus}; only a Failed instance can be rewound.");
        }

        await SendControlAsync(instanceId, new ExecutionRewoundEvent(reason), cancellation).ConfigureAwait(false);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        var purged = await backend.Tracking.PurgeAsync(instanceId, cancellation).ConfigureAwait(false);
        return new PurgeResult(purged ? 1 : 0);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = (filter.Statuses is { Count: > 0 } wanted ? wanted : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated])
            .Where(s => s.IsTerminal())
            .ToList();
        if (statuses.Count == 0)
        {
            return new PurgeResult(0);
        }

        // Collect first, then purge, so deleting rows does not disturb the paging.
        var ids = new List<string>();
        var query = new InstanceQuery { Statuses = statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo, PageSize = 1000 };
        do
        {
            var page = await backend.Tracking.QueryAsync(query, cancellation).ConfigureAwait(false);
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        var count = 0;
        foreach (var id in ids)
        {
            if (await backend.Tracking.PurgeAsync(id, cancellation).ConfigureAwait(false))
            {
                count++;
            }
        }

        return new PurgeResult(count);
    }

    public override Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ValidateInstanceId(instanceId);
        return backend.Tracking.GetHistoryAsync(instanceId, cancellation);
    }

    private static OrchestrationMetadata ToMetadata(InstanceRecord row, bool withPayloads) => new(row.Name, row.InstanceId)
    {
        RuntimeStatus = row.RuntimeStatus,
        CreatedAt = row.CreatedAt,
        LastUpdatedAt = row.LastUpdatedAt,
        SerializedInput = withPayloads ? row.Input : null,
        SerializedOutput = withPayloads ? row.Output : null,
        SerializedCustomStatus = row.CustomStatus,
        FailureDetails = row.FailureDetails,
        ExecutionId = row.ExecutionId,
        ParentInstanceId = row.ParentInstanceId,
    };

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is not valid: at most 256 characters, none of / \\ # ? or control characters.", nameof(instanceId));
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<OrchestrationMetadata> ReadAsync(string instanceId, InstanceRecord row, bool withPayloads, CancellationToken cancellation)
    {
        if (withPayloads)
        {
            row = await backend.Tracking.GetInstanceAsync(instanceId, includePayloads: true, cancellation).ConfigureAwait(false) ?? row;
        }

        return ToMetadata(row, withPayloads);
    }

    private async Task<InstanceRecord> RequireAsync(string instanceId, CancellationToken cancellation)
    {
        ValidateInstanceId(instanceId);
        return await backend.Tracking.GetInstanceAsync(instanceId, includePayloads: false, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists.", nameof(instanceId));
    }

    private Task SendControlAsync(string instanceId, HistoryEvent control, CancellationToken cancellation) =>
        backend.Messages.SendAsync([new TaskMessage(NewId(), instanceId, null, control with { Timestamp = time.GetUtcNow() })], cancellation);

    private async Task<string> ScheduleAsync(string name, string? serializedInput, string instanceId, DateTimeOffset? startAt, CancellationToken cancellation)
    {
        var now = time.GetUtcNow();
        var executionId = NewId();
        var pending = new InstanceRecord(instanceId, name)
        {
            ExecutionId = executionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = serializedInput,
            ScheduledStartTime = startAt,
        };
        if (!await backend.Tracking.TryCreatePendingAsync(pending, cancellation).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"An orchestration instance '{instanceId}' already exists and has not finished.");
        }

        var started = new ExecutionStartedEvent(name, executionId, serializedInput) { Timestamp = now, ScheduledStartTime = startAt };
        var maxDelay = backend.Messages.MaxMessageDelay;
        DateTimeOffset? visibleAt = startAt is { } at && at > now ? (at - now > maxDelay ? now + maxDelay : at) : null;
        await backend.Messages.SendAsync([new TaskMessage(NewId(), instanceId, null, started) { VisibleAt = visibleAt }], cancellation).ConfigureAwait(false);
        return instanceId;
    }
}
