namespace LaaWorkflow.LocalHost.Demo;

/// <summary>The <c>--demo</c> mode of the host binary: drives a running host instead of being one.</summary>
internal static class DemoCommand
{
    public static bool IsRequested(string[] args) => DemoOptions.IsRequested(args);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = DemoOptions.Parse(args);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var api = DemoApi.Create(options);
        try
        {
            return await new DemoDriver(options, api).RunAsync(stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 130;
        }
        catch (HttpRequestException error)
        {
            await Console.Error.WriteLineAsync($"The demo stopped: {error.Message}");
            return 1;
        }
    }
}
