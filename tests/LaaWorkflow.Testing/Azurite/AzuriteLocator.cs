namespace LaaWorkflow.Testing;

/// <summary>Finds the repository's pinned Azurite install.</summary>
internal static class AzuriteLocator
{
    /// <summary>The repository root: the first folder above the running code that holds LaaWorkflow.sln.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "LaaWorkflow.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find LaaWorkflow.sln above {AppContext.BaseDirectory}; the tests must run from inside the repository.");
    }

    public static string FindExecutable()
    {
        var root = FindRepositoryRoot();
        var path = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed at {path}. Run `bash scripts/azurite.sh install` in the repository root first.");
        }

        return path;
    }
}
