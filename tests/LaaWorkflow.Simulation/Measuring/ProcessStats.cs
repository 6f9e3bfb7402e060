using System.Globalization;

namespace LaaWorkflow.Simulation.Measuring;

/// <summary>CPU time and memory of a process (and its children, for Azurite's launcher) read from /proc.</summary>
internal static class ProcessStats
{
    // utime and stime are in clock ticks; Linux reports them at USER_HZ, 100 on every mainstream build.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds used so far, or null when the process is gone or /proc is missing.</summary>
    public static double? CpuSeconds(int pid)
    {
        var path = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(path);
            // The command name is in parentheses and may hold spaces: count fields after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A field of /proc/pid/status in bytes (VmRSS, VmHWM), or null.</summary>
    public static long? StatusBytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }

        return null;
    }

    /// <summary>The 1-minute load average, or null.</summary>
    public static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
