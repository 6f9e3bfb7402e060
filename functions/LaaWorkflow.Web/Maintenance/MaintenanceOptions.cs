namespace LaaWorkflow.Web.Maintenance;

/// <summary>Settings of the maintenance timer, bound from the <c>Maintenance</c> section.</summary>
internal sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    /// <summary>
    /// How long a finished instance's history is kept before the timer purges it. An agreement's
    /// audit trail is its history, so the default keeps it well past the June sign-off.
    /// </summary>
    public TimeSpan FinishedInstanceRetention { get; set; } = TimeSpan.FromDays(400);
}
