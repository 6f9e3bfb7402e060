using Azure;

namespace LaaWorkflow.AzureStorage.Tables;

/// <summary>The keys and system properties every table entity has.</summary>
public interface ITableEntity
{
    /// <summary>The partition key; entities in one partition can change together in one transaction.</summary>
    string PartitionKey { get; set; }

    /// <summary>The row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>When the service last changed the entity; set by the service, ignored on writes.</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>The entity's version, echoed exactly for optimistic concurrency.</summary>
    ETag ETag { get; set; }
}
