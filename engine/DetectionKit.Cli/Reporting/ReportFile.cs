namespace DetectionKit.Cli.Reporting;

/// <summary>A report written to a file named on the command line (<c>--out</c>), its folder created first, as CI steps expect.</summary>
internal static class ReportFile
{
    public static void Write(string path, Action<TextWriter> render)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        using var file = new StreamWriter(path) { NewLine = "\n" };
        render(file);
    }
}
