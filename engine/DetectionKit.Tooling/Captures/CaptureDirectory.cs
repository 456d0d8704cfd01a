namespace DetectionKit.Tooling.Captures;

/// <summary>
/// A folder of CloudTrail captures: every file in it, at any depth, that <c>run</c> would read from
/// the folder, each replayed on its own. A capture is named by its path under the folder
/// (<c>stratus-red-team/aws.defense-evasion.cloudtrail-stop.json</c>). What the rules raise on the
/// captures is recorded beside the folder, in <c>&lt;folder&gt;.verified.json</c>, not in it:
/// <c>run</c> reads every JSON file under a folder it is given, and a snapshot is not CloudTrail.
/// </summary>
public sealed class CaptureDirectory
{
    private const string VerifiedSuffix = ".verified.json";
    private const string ReceivedSuffix = ".received.json";

    public CaptureDirectory(string path) => Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>The folder's full path.</summary>
    public string Root { get; }

    /// <summary>The committed record of what each capture raises, beside the folder.</summary>
    public string VerifiedPath => Root + VerifiedSuffix;

    /// <summary>Written beside it when what the captures raise differs.</summary>
    public string ReceivedPath => Root + ReceivedSuffix;

    /// <summary>Where captures live by convention: <c>fixtures</c> beside the rules directory.</summary>
    public static string BesideRules(string rulesRoot) => Path.GetFullPath(Path.Combine(rulesRoot, "..", "fixtures"));

    /// <summary>Snapshot files are never captures, wherever they lie.</summary>
    public static bool IsSnapshot(string path) =>
        path.EndsWith(VerifiedSuffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(ReceivedSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The capture's name: its path under the folder, with '/' separators.</summary>
    public string NameOf(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace(Path.DirectorySeparatorChar, '/');

    public string PathOf(string name) => Path.Combine(Root, name.Replace('/', Path.DirectorySeparatorChar));
}
