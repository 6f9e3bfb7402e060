using System.Runtime.CompilerServices;

// The fixture's own tests reach its watchdog hook.
[assembly: InternalsVisibleTo("LaaWorkflow.AzureStorage.Tests")]
