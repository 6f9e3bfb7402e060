namespace LaaWorkflow.Benchmarks;

/// <summary>One benchmark suite, chosen by its name on the command line.</summary>
internal interface IBenchmarkSuite
{
    string Name { get; }

    string Description { get; }

    /// <returns>The process exit code.</returns>
    Task<int> RunAsync(string[] args);
}
