using System.Text.Json.Serialization;

namespace LaaWorkflow.LocalHost.Demo;

/// <summary>
/// The calendar every demonstration negotiation is started with (the API's <c>pace</c>): the business instant
/// <paramref name="Anchor"/> at the real instant <paramref name="StartedAt"/>, a day every <paramref name="SecondsPerDay"/> s.
/// </summary>
internal sealed record DemoPace(DateTimeOffset Anchor, DateTimeOffset StartedAt, double SecondsPerDay)
{
    /// <summary>The business time now, as the negotiations see it.</summary>
    [JsonIgnore]
    public DateTimeOffset Now => Anchor + ((DateTimeOffset.UtcNow - StartedAt) * (86_400 / SecondsPerDay));
}
