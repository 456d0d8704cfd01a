using System.Globalization;
using DetectionKit.Engine.Sources.S3;

namespace DetectionKit.Cli.Hunting;

/// <summary><c>hunt --dry-run</c>: what a scan would read, in objects or files and bytes, before anything is read.</summary>
internal static class DryRunReport
{
    public static IEnumerable<string> Bucket(S3Survey survey, DateTimeOffset since, DateTimeOffset until)
    {
        yield return $"{survey.Location} from {since:yyyy-MM-ddTHH:mm:ss}Z until {until:yyyy-MM-ddTHH:mm:ss}Z:";
        var width = survey.Folders.Select(f => f.Folder.Length).Append("total".Length).Max();
        foreach (var folder in survey.Folders)
        {
            yield return $"  {folder.Folder.PadRight(width)}  {Objects(folder.Objects)}  {Size(folder.Bytes)}";
        }

        yield return $"  {"total".PadRight(width)}  {Objects(survey.Objects)}  {Size(survey.Bytes)}";
    }

    public static string Files(long files, long bytes, bool stdin) =>
        $"files: {files.ToString("N0", CultureInfo.InvariantCulture)} {(files == 1 ? "file" : "files")}, {Size(bytes)}{(stdin ? ", and stdin (its size is known once read)" : string.Empty)}";

    private static string Objects(long count) => $"{count.ToString("N0", CultureInfo.InvariantCulture),8} {(count == 1 ? "object " : "objects")}";

    /// <summary>Stored bytes, in binary units with the exact figure beside them.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        var exact = $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
        if (bytes < 1024)
        {
            return exact;
        }

        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return $"{value.ToString("0.0", CultureInfo.InvariantCulture)} {units[unit]} ({exact})";
    }
}
