// The fault and abuse command: runs each scenario, prints the table and writes RELIABILITY.md. See scripts/reliability.sh.
using LaaWorkflow.Reliability;

return await ReliabilityCommand.RunAsync(args);
