using System.Runtime.CompilerServices;

// The fixture's own tests reach its watchdog hook.
[assembly: InternalsVisibleTo("LaaWorkflow.Testing.Tests")]

// The reliability command restarts hosts on ports it picked and finds the repository root as the fixture does.
[assembly: InternalsVisibleTo("LaaWorkflow.Reliability")]
