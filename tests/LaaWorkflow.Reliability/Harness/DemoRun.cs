using LaaWorkflow.LocalHost.Demo;

namespace LaaWorkflow.Reliability.Harness;

/// <summary>
/// One play of the demonstration round (the host's own demo driver, so the same partners answer the same way) against
/// the supervisor's hosts, as a rehearsal on the <see cref="Rehearsal"/> calendar, through a <see cref="ResilientHandler"/>,
/// with its console output going to a log file.
/// </summary>
internal static class DemoRun
{
    /// <summary>Plays the round to the end and returns what the hosts confirmed along the way.</summary>
    public static async Task<AnswerLog> PlayAsync(
        HostSupervisor supervisor, IReadOnlyList<string> areas, FaultHooks hooks, string logPath, CancellationToken cancellationToken)
    {
        var answers = new AnswerLog(supervisor.TokenKey);
        using var adminHandler = new ResilientHandler(supervisor, answers, hooks);
        using var partnerHandler = new ResilientHandler(supervisor, answers, hooks);
        var admin = new HttpClient(adminHandler, disposeHandler: false) { BaseAddress = supervisor.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        admin.DefaultRequestHeaders.Add("x-functions-key", supervisor.AdminKey);
        var partner = new HttpClient(partnerHandler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(5) };
        using var api = new DemoApi(admin, partner);
        // The driver derives its pace from the span and the real time it takes.
        var span = TimeSpan.FromSeconds((Rehearsal.Until - Rehearsal.From).TotalDays * Rehearsal.SecondsPerDay);
        var options = new DemoOptions(supervisor.BaseUrl, supervisor.AdminKey, Rehearsal.Until, span, RealTime: false)
        {
            From = Rehearsal.From,
            Areas = areas,
            Requests = Rehearsal.Requests(),
        };

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var console = Console.Out;
        await using var log = new StreamWriter(logPath) { AutoFlush = true };
        // The demo driver narrates to the console; during a reliability run that narration is the run's log.
        Console.SetOut(log);
        try
        {
            await new DemoDriver(options, api).RunAsync(cancellationToken);
        }
        finally
        {
            Console.SetOut(console);
        }

        return answers;
    }
}
