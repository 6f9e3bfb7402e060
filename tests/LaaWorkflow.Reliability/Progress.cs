namespace LaaWorkflow.Reliability;

/// <summary>The command's own progress lines: always to the real console, whatever the demo driver's output is redirected to.</summary>
internal static class Progress
{
    private static readonly TextWriter s_out = Console.Out;

    public static void Line(string text) => s_out.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {text}");
}
