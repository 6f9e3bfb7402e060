using System.Globalization;

namespace LaaWorkflow.Functions.CustomHandler;

/// <summary>
/// The port the Azure Functions host tells a custom handler to listen on. Present only when the app
/// runs under the Functions host (in Azure or under Core Tools); a plain local run has none.
/// </summary>
internal static class CustomHandlerPort
{
    public const string SettingName = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The port, or null when the setting is absent or empty.</summary>
    /// <exception cref="InvalidOperationException">The setting is present but not a port number.</exception>
    public static int? Read(IConfiguration configuration)
    {
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException(
                $"{SettingName} must be a TCP port number between 1 and 65535; it is '{value}'.");
        }
        return port;
    }
}
