namespace DetectionKit.Cli.Hosting;

/// <summary>How to start this tool again in a process of its own, from wherever it runs now.</summary>
public static class ToolProcess
{
    /// <summary>
    /// The tool's own executable when it runs from one; otherwise the <c>dotnet</c> host (this one, or the
    /// one on the PATH when this process is another host such as a test runner) with <c>detectionkit.dll</c>
    /// from this application's folder.
    /// </summary>
    public static IReadOnlyList<string> Command()
    {
        var process = Environment.ProcessPath;
        var name = process is null ? null : Path.GetFileNameWithoutExtension(process);
        if (name == "detectionkit")
        {
            return [process!];
        }

        return [name == "dotnet" ? process! : "dotnet", Path.Combine(AppContext.BaseDirectory, "detectionkit.dll")];
    }
}
