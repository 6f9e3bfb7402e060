namespace LaaWorkflow.Functions.Api.Dev;

internal static partial class DevApi
{
    // The virtual clock routes arrive with the durable runtime's VirtualClock.
    private static void MapClock(RouteGroupBuilder group) => _ = group;
}
