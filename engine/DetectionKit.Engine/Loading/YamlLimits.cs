namespace DetectionKit.Engine.Loading;

/// <summary>
/// How much a YAML file (a rule, a pack, a schedule, a settings file) may make the engine read and
/// build. The largest shipped rule is a few kilobytes and a few hundred values: the limits are far
/// above any real file and far below what a hostile one (a "billion laughs" alias bomb, thousands of
/// nested brackets, a link to <c>/dev/zero</c>) would cost.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>4 MiB: a thousand times the largest shipped rule.</summary>
    public const int DefaultMaxFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// 20,000 values, counting each alias as the values it repeats: about fifty times the largest
    /// shipped rule. Validating and reporting on that many costs up to about 100 MiB.
    /// </summary>
    public const int DefaultMaxNodes = 20_000;

    /// <summary>48 nested lists and maps, counting what aliases bring in (a CloudTrail record nests about a dozen deep).</summary>
    public const int DefaultMaxDepth = 48;

    public static YamlLimits Default { get; } = new();

    /// <summary>Most bytes read from one file; a longer one is refused unread past this.</summary>
    public int MaxFileBytes { get; init; } = DefaultMaxFileBytes;

    /// <summary>Most values (scalars, lists and maps) in one file once its aliases are expanded.</summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>Most lists and maps nested in one another, once aliases are expanded.</summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;
}
