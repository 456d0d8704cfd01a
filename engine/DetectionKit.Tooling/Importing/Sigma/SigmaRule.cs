using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>A Sigma detection rule as written: its metadata, log source, searches and conditions.</summary>
public sealed record SigmaRule
{
    public required string Path { get; init; }

    public required string Title { get; init; }

    public string? Id { get; init; }

    public string? Status { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public string? Author { get; init; }

    public string? Date { get; init; }

    public string? Modified { get; init; }

    public string? License { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Level { get; init; }

    public IReadOnlyList<string> FalsePositives { get; init; } = [];

    /// <summary><c>logsource.product</c>, <c>service</c> and <c>category</c>, as written.</summary>
    public string? Product { get; init; }

    /// <inheritdoc cref="Product"/>
    public string? Service { get; init; }

    /// <inheritdoc cref="Product"/>
    public string? Category { get; init; }

    /// <summary>The search identifiers, in the order written.</summary>
    public IReadOnlyList<SigmaSearch> Searches { get; init; } = [];

    /// <summary>The condition, or each of a list of conditions (any of which makes a match), with where each is written.</summary>
    public IReadOnlyList<(string Text, SourceLocation Location)> Conditions { get; init; } = [];

    /// <summary>Where <c>detection.timeframe</c> is written; null when the detection has none.</summary>
    public SourceLocation? Timeframe { get; init; }

    /// <summary>Where the title, level, references and logsource are written, for messages about them.</summary>
    public required PositionMap Positions { get; init; }

    /// <summary>The log source is CloudTrail: <c>product: aws</c> and <c>service: cloudtrail</c>.</summary>
    public bool IsCloudTrail =>
        string.Equals(Product, "aws", StringComparison.OrdinalIgnoreCase)
        && string.Equals(Service, "cloudtrail", StringComparison.OrdinalIgnoreCase);
}
