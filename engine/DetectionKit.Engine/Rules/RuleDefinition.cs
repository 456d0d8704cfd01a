using DetectionKit.Engine.Diagnostics;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Rules;

/// <summary>Everything the YAML file of a rule says, resolved and checked. Immutable.</summary>
public sealed record RuleDefinition
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required AlertSeverity Severity { get; init; }

    public string? Description { get; init; }

    public string? Runbook { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Mitre { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public EventMatch Match { get; init; } = EventMatch.Any;

    public int DedupPeriodMinutes { get; init; } = 60;

    public int Threshold { get; init; } = 1;

    /// <summary>The <c>first_seen:</c> block: a match whose dedup key is new within its period is raised; null for none.</summary>
    public FirstSeenDefinition? FirstSeen { get; init; }

    public IReadOnlyList<RuleTestCase> Tests { get; init; } = [];

    /// <summary>The <c>correlation:</c> block of a correlation rule; null for a rule of single events.</summary>
    public CorrelationDefinition? Correlation { get; init; }

    /// <summary>Whether this rule correlates the matches of steps over time instead of matching single events.</summary>
    public bool IsCorrelation => Correlation is not null;

    /// <summary>
    /// Whether the rule has a script: always for a rule of single events; a correlation rule whose steps are
    /// other rules and whose group key and value are field paths may have none.
    /// </summary>
    public bool HasScript { get; init; } = true;

    /// <summary>The Sigma rule this one was imported from (the YAML's <c>sigma:</c> block); null for a rule written here.</summary>
    public SigmaOrigin? Sigma { get; init; }

    /// <summary>The parameters the rule declares, in the order written: what an organisation's settings may set.</summary>
    public IReadOnlyList<ParameterDeclaration> Parameters { get; init; } = [];

    /// <summary>
    /// Key names whose values are scrubbed from the rule's alerts on top of the built-in list (the
    /// settings file's <c>alerts.redactKeys</c>).
    /// </summary>
    public IReadOnlyCollection<string> RedactKeys { get; init; } = [];

    /// <summary>The pack: the folder of the YAML file relative to the rules root, with '/' separators.</summary>
    public required string Pack { get; init; }

    /// <summary>The file name of the YAML without extension.</summary>
    public required string Name { get; init; }

    /// <summary>Full path of the rules folder the rule was loaded from (its shared libraries are in <c>_lib/</c> there).</summary>
    public required string RulesRoot { get; init; }

    /// <summary>Full path of the YAML file.</summary>
    public required string YamlPath { get; init; }

    /// <summary>Full path of the script file.</summary>
    public required string ScriptPath { get; init; }

    /// <summary>Where the rule's <c>id</c> is written, for diagnostics about the rule as a whole.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Where the <c>tests</c> key is written.</summary>
    public SourceLocation? TestsLocation { get; init; }

    /// <summary>Where each value of the YAML file was written; null for a rule not read from a file.</summary>
    public PositionMap? Positions { get; init; }

    /// <summary>Where the value at a JSON Pointer into the YAML (<c>/match/eventName/1</c>) starts, or <see cref="Location"/> when unknown.</summary>
    public SourceLocation LocationOf(string pointer) => Positions?.FindValue(pointer) ?? Location;

    /// <summary><c>pack/name</c>, the rule's path under the rules root.</summary>
    public string RelativeName => Pack.Length == 0 ? Name : $"{Pack}/{Name}";
}
