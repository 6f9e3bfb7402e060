namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>
/// Enough of the Functions host's route templates to check coverage: literal segments (case-insensitive),
/// <c>{name}</c> and <c>{name:alpha}</c> for one segment, <c>{name?}</c> for an optional last segment,
/// <c>{*name}</c> for the rest of the path.
/// </summary>
internal static class RouteTemplate
{
    public static bool Matches(string template, string path)
    {
        var templateSegments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathSegments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < templateSegments.Length; i++)
        {
            var segment = templateSegments[i];
            if (segment.StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }
            if (i >= pathSegments.Length)
            {
                return templateSegments.Skip(i).All(rest => rest.EndsWith("?}", StringComparison.Ordinal));
            }
            if (segment.StartsWith('{'))
            {
                if (segment.EndsWith(":alpha}", StringComparison.Ordinal) && !pathSegments[i].All(char.IsAsciiLetter))
                {
                    return false;
                }
                continue;
            }
            if (!string.Equals(segment, pathSegments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return templateSegments.Length == pathSegments.Length;
    }
}
