using Azure.Data.Tables;

namespace LaaWorkflow.Simulation.Measuring;

/// <summary>
/// Reads the task hub's History table after a run: how late each timer fired and each raised event was taken in,
/// from the rows the engine wrote. A row's table timestamp is when the episode that consumed the message was saved,
/// so the lateness includes queue polling, the episode and its checkpoint: what the negotiation itself saw.
/// </summary>
internal static class HistoryLateness
{
    /// <summary>Per TimerFired row: its table timestamp less the <c>FireAt</c> the orchestration asked for, in real seconds.</summary>
    public static async Task<(List<double> Timers, List<double> Events)> ReadAsync(string connectionString, string hubName, CancellationToken cancellationToken)
    {
        var history = new TableClient(connectionString, hubName + "History");
        var timers = new List<double>();
        var events = new List<double>();
        await foreach (var row in history.QueryAsync<TableEntity>(
            "EventType eq 'TimerFired' or EventType eq 'EventRaised'", select: ["EventType", "FireAt", "_Timestamp", "Timestamp"], cancellationToken: cancellationToken))
        {
            if (row.Timestamp is not { } saved)
            {
                continue;
            }

            if (row.GetString("EventType") == "TimerFired" && row.GetDateTimeOffset("FireAt") is { } fireAt)
            {
                timers.Add((saved - fireAt).TotalSeconds);
            }
            else if (row.GetString("EventType") == "EventRaised" && row.GetDateTimeOffset("_Timestamp") is { } raised)
            {
                // The event's own timestamp is when the client raised it.
                events.Add((saved - raised).TotalSeconds);
            }
        }

        return (timers, events);
    }
}
