using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>What one Sigma file became: the rule's YAML and script when it converted, and every problem found.</summary>
public sealed record SigmaConversion
{
    /// <summary>The Sigma file.</summary>
    public required string SourcePath { get; init; }

    public required SigmaOutcome Outcome { get; init; }

    /// <summary>The DetectionKit rule id; null unless converted.</summary>
    public string? RuleId { get; init; }

    /// <summary>The rule YAML file's text; null unless converted.</summary>
    public string? Yaml { get; init; }

    /// <summary>The rule script's text; null unless converted.</summary>
    public string? Script { get; init; }

    /// <summary>Where the rule's files go (or went): the YAML, and the script beside it; null unless converted.</summary>
    public string? YamlPath { get; init; }

    /// <inheritdoc cref="YamlPath"/>
    public string? ScriptPath { get; init; }

    /// <summary>Everything found, errors (why it failed) and warnings (what was adjusted), in file order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}
