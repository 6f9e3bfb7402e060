using System.Globalization;
using System.Text.Json;

namespace LaaWorkflow.Functions.CustomHandler.Payloads;

/// <summary>
/// The timer trigger's entry in <c>Data</c>: whether the run is late, and the schedule status the
/// host keeps in its own storage. Fields the host leaves out stay null.
/// </summary>
internal sealed record TimerTrigger(bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next)
{
    /// <summary>
    /// Reads the binding named <paramref name="bindingName"/> from <paramref name="request"/>.
    /// The host sends the timer as a JSON object; a JSON string holding that object is accepted too,
    /// since some host versions serialise binding data to strings.
    /// </summary>
    /// <exception cref="InvalidPayloadException">The binding is missing or not a timer.</exception>
    public static TimerTrigger Read(InvocationRequest request, string bindingName)
    {
        if (request.Data is null || !request.Data.TryGetValue(bindingName, out var element))
        {
            throw new InvalidPayloadException($"Data.{bindingName} is missing: the timer binding's data was expected there.");
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var inner = JsonDocument.Parse(element.GetString() ?? "");
                return FromObject(inner.RootElement.Clone(), bindingName);
            }
            catch (JsonException exception)
            {
                throw new InvalidPayloadException($"Data.{bindingName} is a string that is not JSON: {exception.Message}");
            }
        }
        return FromObject(element, bindingName);
    }

    private static TimerTrigger FromObject(JsonElement timer, string bindingName)
    {
        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidPayloadException($"Data.{bindingName} must be an object with IsPastDue and ScheduleStatus, not {timer.ValueKind}.");
        }
        var isPastDue = timer.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True;
        DateTimeOffset? last = null, next = null;
        if (timer.TryGetProperty("ScheduleStatus", out var status) && status.ValueKind == JsonValueKind.Object)
        {
            last = ReadTime(status, "Last", bindingName);
            next = ReadTime(status, "Next", bindingName);
        }
        return new TimerTrigger(isPastDue, last, next);
    }

    private static DateTimeOffset? ReadTime(JsonElement status, string name, string bindingName)
    {
        if (!status.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        throw new InvalidPayloadException($"Data.{bindingName}.ScheduleStatus.{name} is not an ISO 8601 time: {value.GetRawText()}");
    }
}
