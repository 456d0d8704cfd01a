namespace DetectionKit.Tooling.Workflows;

/// <summary>What the pull-request workflow of a rules repository checks, with paths relative to the repository root.</summary>
public sealed record RulesWorkflowOptions
{
    /// <summary>The rules directory.</summary>
    public string Rules { get; init; } = "rules";

    /// <summary>A settings file that <c>validate</c> checks against the rules as well; none when null.</summary>
    public string? Settings { get; init; }

    /// <summary>
    /// The DetectionKit CLI project to pack and install from the repository itself (DetectionKit's own
    /// repository); when null, the tool is restored from the repository's tool manifest.
    /// </summary>
    public string? ToolProject { get; init; }
}
