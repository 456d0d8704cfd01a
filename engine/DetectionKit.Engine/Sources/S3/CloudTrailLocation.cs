using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace DetectionKit.Engine.Sources.S3;

/// <summary>
/// A trail location read from <c>s3://BUCKET[/PREFIX]</c>: the <c>AWSLogs/</c> folder under the trail's
/// key prefix, and what the location already names below it. <c>PREFIX</c> is the trail's key prefix
/// and may go on into <c>AWSLogs/[o-ORGID/][ACCOUNT/[CloudTrail|CloudTrail-Insight/[REGION/]]]</c>; each
/// part named is fixed. A location below the region folder (a day) is refused: days come from the
/// time range.
/// </summary>
public sealed partial record CloudTrailLocation(S3Uri Uri, string Root, string? OrganizationId, string? Account, string? Kind, string? Region)
{
    private const string LogsFolder = "AWSLogs";

    /// <summary>The folders under an account that hold objects to read.</summary>
    public static IReadOnlyList<string> ReadableKinds { get; } = ["CloudTrail", "CloudTrail-Insight"];

    /// <summary>Whether the location goes down to (or into) the <c>AWSLogs/</c> folder, rather than naming only the trail prefix.</summary>
    public bool NamesLogsFolder => Uri.Prefix.Split('/').Contains(LogsFolder);

    public static bool TryParse(S3Uri uri, [NotNullWhen(true)] out CloudTrailLocation? location, out string error)
    {
        location = null;
        error = string.Empty;
        var segments = uri.Prefix.Split('/');
        if (segments[^1].Length == 0)
        {
            segments = segments[..^1];
        }

        // AWSLogs as a whole path segment: a trail prefix such as "my-AWSLogs" is not the logs folder.
        var at = Array.IndexOf(segments, LogsFolder);
        if (at < 0)
        {
            var trail = uri.Prefix.Length == 0 || uri.Prefix.EndsWith('/') ? uri.Prefix : uri.Prefix + "/";
            location = new CloudTrailLocation(uri, $"{trail}{LogsFolder}/", null, null, null, null);
            return true;
        }

        var root = string.Concat(segments[..at].Select(s => s + "/")) + LogsFolder + "/";
        var rest = new Queue<string>(segments[(at + 1)..]);
        var problem = string.Empty;
        string? Next(Func<string, bool> accepts, string what)
        {
            if (rest.Count == 0 || problem.Length > 0)
            {
                return null;
            }

            var segment = rest.Dequeue();
            if (!accepts(segment))
            {
                problem = $"{uri}: '{segment}' is not {what}";
            }

            return segment;
        }

        var org = rest.TryPeek(out var first) && first.StartsWith("o-", StringComparison.Ordinal) ? Next(IsOrganizationId, "an organization id (o- and lowercase letters or digits)") : null;
        var account = Next(IsAccountId, org is null ? "an organization id (o-…) or a 12-digit account id" : "a 12-digit account id");
        var kind = Next(k => ReadableKinds.Contains(k), "CloudTrail or CloudTrail-Insight (digest files are not read)");
        var region = Next(IsRegion, "a region such as us-east-1");
        if (problem.Length == 0 && rest.Count > 0)
        {
            problem = $"{uri}: goes below the region folder ('{string.Join('/', rest)}'); give the days with --since and --until instead";
        }

        if (problem.Length > 0)
        {
            error = problem;
            return false;
        }

        location = new CloudTrailLocation(uri, root, org, account, kind, region);
        return true;
    }

    public static bool IsAccountId(string text) => AccountPattern().IsMatch(text);

    public static bool IsRegion(string text) => RegionPattern().IsMatch(text);

    public static bool IsOrganizationId(string text) => OrganizationPattern().IsMatch(text);

    public override string ToString() => Uri.ToString();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[a-z]+(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^o-[a-z0-9]+$")]
    private static partial Regex OrganizationPattern();
}
