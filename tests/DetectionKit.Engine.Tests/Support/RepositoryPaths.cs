namespace DetectionKit.Engine.Tests.Support;

/// <summary>Folders of the repository, found by walking up from the test directory to <c>DetectionKit.sln</c>.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>DetectionKit.sln</c>, or null when the tests run outside the repository.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>The shared dataset folder beside the repository, or null when it is not there.</summary>
    public static string? SharedDatasets => ExistingDirectory(Root is null ? null : Path.Combine(Root, "..", "shared", "datasets"));

    /// <summary>The repository's <c>fixtures/</c>, or null when it is not there.</summary>
    public static string? Fixtures => ExistingDirectory(Root is null ? null : Path.Combine(Root, "fixtures"));

    private static string? FindRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DetectionKit.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string? ExistingDirectory(string? path) =>
        path is not null && Directory.Exists(path) ? Path.GetFullPath(path) : null;
}
