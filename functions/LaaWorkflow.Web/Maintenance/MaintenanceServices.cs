namespace LaaWorkflow.Web.Maintenance;

/// <summary>Registers the maintenance job and its settings.</summary>
internal static class MaintenanceServices
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddOptions<MaintenanceOptions>()
            .BindConfiguration(MaintenanceOptions.Section)
            .Validate(options => options.FinishedInstanceRetention > TimeSpan.Zero,
                $"{MaintenanceOptions.Section}:{nameof(MaintenanceOptions.FinishedInstanceRetention)} must be a positive time span, such as 400.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton<MaintenanceJob>();
        return services;
    }
}
