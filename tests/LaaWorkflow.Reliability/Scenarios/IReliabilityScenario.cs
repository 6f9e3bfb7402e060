namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>One fault or abuse scenario of the reliability command; each produces one row of the report table.</summary>
internal interface IReliabilityScenario
{
    /// <summary>The scenario's name as the command line and the table show it (for example <c>crashes</c>).</summary>
    string Name { get; }

    Task<ScenarioResult> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken);
}
