namespace DetectionKit.Tests.Shared;

/// <summary>Finds the repository's folders from the test assembly's location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The public CloudTrail captures beside the repository (<c>../shared/datasets</c>); may be absent outside this workplace.</summary>
    public static string SharedDatasets => Path.GetFullPath(Path.Combine(Root, "..", "shared", "datasets"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DetectionKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"DetectionKit.sln not found above {AppContext.BaseDirectory}");
    }
}
