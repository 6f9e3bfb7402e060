namespace LaaWorkflow.Functions.Tests.Deployment;

/// <summary>The checkout the tests run from: the folder holding LaaWorkflow.sln, found upwards from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "LaaWorkflow.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException($"No LaaWorkflow.sln above {AppContext.BaseDirectory}: the tests must run from a checkout.");
    }
}
