using DetectionKit.Scripting;

namespace DetectionKit.Engine.Compilation;

/// <summary>The functions a rule script defined, bound to one instance of its compiled class.</summary>
public sealed record RuleFunctions(
    Func<CloudTrailEvent, bool> Rule,
    Func<CloudTrailEvent, string?>? Title = null,
    Func<CloudTrailEvent, string?>? Dedup = null,
    Func<CloudTrailEvent, object?>? Severity = null,
    Func<CloudTrailEvent, object?>? AlertContext = null)
{
    /// <summary>The <c>when</c> expressions of the settings' suppressions, compiled into the class, in the suppressions' order; null for one without.</summary>
    public IReadOnlyList<Func<CloudTrailEvent, bool>?> Suppressions { get; init; } = [];

    /// <summary>A correlation rule's step functions, by step name (function steps only).</summary>
    public IReadOnlyDictionary<string, Func<CloudTrailEvent, bool>> Steps { get; init; } = new Dictionary<string, Func<CloudTrailEvent, bool>>();

    /// <summary>A correlation rule's group key, when its script gives it rather than <c>group_by</c>.</summary>
    public Func<CloudTrailEvent, string?>? Group { get; init; }

    /// <summary>A value_count rule's counted value, when its script gives it rather than <c>field</c>.</summary>
    public Func<CloudTrailEvent, string?>? Value { get; init; }

    /// <summary>What a correlation rule's <see cref="Rule"/> is: it matches no single event, its steps do.</summary>
    public static Func<CloudTrailEvent, bool> NoSingleEvent { get; } = _ => false;
}
