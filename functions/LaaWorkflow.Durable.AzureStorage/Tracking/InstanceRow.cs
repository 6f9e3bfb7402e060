using LaaWorkflow.Durable.AzureStorage.Payloads;
using LaaWorkflow.Durable.AzureStorage.Storage;
using LaaWorkflow.Durable.Backend;

namespace LaaWorkflow.Durable.AzureStorage.Tracking;

/// <summary>
/// The instance's properties as table columns, shared by the authoritative status row (in the History partition) and
/// the index row (in the Instances table), so the two can never disagree on a column's meaning.
/// </summary>
internal static class InstanceRow
{
    public const string StatusRowKey = "~instance";

    public static async Task WriteAsync(StoredRow row, InstanceRecord record, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        row["Name"] = record.Name;
        row["ExecutionId"] = record.ExecutionId;
        row["RuntimeStatus"] = record.RuntimeStatus.ToString();
        row["CreatedAt"] = record.CreatedAt;
        row["LastUpdatedAt"] = record.LastUpdatedAt;
        row["FailureDetails"] = DurableJson.Serialize(record.FailureDetails);
        row["ParentInstanceId"] = record.ParentInstanceId;
        row["ScheduledStartTime"] = record.ScheduledStartTime;
        await PayloadSpill.SetAsync(row, "Input", record.Input, record.InstanceId, payloads, cancellationToken);
        await PayloadSpill.SetAsync(row, "Output", record.Output, record.InstanceId, payloads, cancellationToken);
        await PayloadSpill.SetAsync(row, "CustomStatus", record.CustomStatus, record.InstanceId, payloads, cancellationToken);
    }

    /// <summary>Copies the instance columns (already spilled) from one row to another, for the index.</summary>
    public static void CopyColumns(StoredRow from, StoredRow to)
    {
        foreach (var name in Columns)
        {
            to[name] = from[name];
        }
    }

    public static async Task<InstanceRecord> ReadAsync(StoredRow row, bool includePayloads, IPayloadStore payloads, CancellationToken cancellationToken)
    {
        var instanceId = KeyEncoding.Decode(row.PartitionKey);
        var status = Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus"), out var parsed) ? parsed : OrchestrationRuntimeStatus.Pending;
        return new InstanceRecord(instanceId, row.GetString("Name") ?? "")
        {
            ExecutionId = row.GetString("ExecutionId"),
            RuntimeStatus = status,
            CreatedAt = row.GetDateTime("CreatedAt") ?? default,
            LastUpdatedAt = row.GetDateTime("LastUpdatedAt") ?? default,
            FailureDetails = DurableJson.Deserialize<TaskFailureDetails>(row.GetString("FailureDetails")),
            ParentInstanceId = row.GetString("ParentInstanceId"),
            ScheduledStartTime = row.GetDateTime("ScheduledStartTime"),
            Input = includePayloads ? await PayloadSpill.GetAsync(row, "Input", payloads, cancellationToken) : null,
            Output = includePayloads ? await PayloadSpill.GetAsync(row, "Output", payloads, cancellationToken) : null,
            CustomStatus = includePayloads ? await PayloadSpill.GetAsync(row, "CustomStatus", payloads, cancellationToken) : null,
        };
    }

    private static readonly string[] Columns =
    [
        "Name", "ExecutionId", "RuntimeStatus", "CreatedAt", "LastUpdatedAt", "FailureDetails", "ParentInstanceId",
        "ScheduledStartTime", "Input", "InputBlob", "Output", "OutputBlob", "CustomStatus", "CustomStatusBlob",
    ];
}
