namespace LaaWorkflow.Durable.Client;

/// <summary>A filter and page request over instances.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>The default and largest page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Only these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instance ids starting with this prefix (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances per page.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The token from the previous page, or null for the first page.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Include inputs and outputs in the results.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}

/// <summary>One page of instances.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass to the next query for the next page; null on the last page.</param>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>Which finished instances to purge.</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>The outcome of a purge.</summary>
/// <param name="PurgedInstanceCount">How many instances were removed.</param>
public sealed record PurgeResult(int PurgedInstanceCount);
