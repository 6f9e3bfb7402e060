using System.Globalization;

namespace LaaWorkflow.Durable.AzureStorage.Hub;

/// <summary>
/// Every table, queue and container name of one task hub, derived from the hub name in this one place so that two
/// hubs in one storage account never share anything.
/// </summary>
internal sealed class TaskHubNames
{
    private readonly string _lower;

    public TaskHubNames(string hubName)
    {
        Validate(hubName);
        HubName = hubName;
        _lower = hubName.ToLowerInvariant();
    }

    public string HubName { get; }

    public string HistoryTable => HubName + "History";

    public string InstancesTable => HubName + "Instances";

    public string PartitionsTable => HubName + "Partitions";

    public string TimersTable => HubName + "Timers";

    public string WorkItemQueue => _lower + "-workitems";

    public string LargePayloadContainer => _lower + "-largemessages";

    public string ControlQueue(int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{_lower}-control-{partition:D2}");

    /// <summary>Table names allow letters and digits only; queue names add the suffixes, so the hub name stays short.</summary>
    private static void Validate(string hubName)
    {
        ArgumentNullException.ThrowIfNull(hubName);
        if (hubName.Length is < 3 or > 45 || !char.IsAsciiLetter(hubName[0]) || !hubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"Task hub name '{hubName}' is invalid: use 3 to 45 ASCII letters and digits, starting with a letter.",
                nameof(hubName));
        }
    }
}
