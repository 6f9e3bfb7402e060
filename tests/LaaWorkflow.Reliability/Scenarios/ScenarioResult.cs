namespace LaaWorkflow.Reliability.Scenarios;

/// <summary>One row of the reliability table. A run fails when any of its counts is above zero or its check failed.</summary>
internal sealed record ScenarioResult(
    string Scenario,
    int Runs,
    int Failures,
    int AnswersLost,
    int DuplicateEmails,
    int InstancesUnfinished,
    string Notes);
