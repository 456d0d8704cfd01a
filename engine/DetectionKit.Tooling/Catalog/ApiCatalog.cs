using System.Collections.Frozen;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Catalog;

/// <summary>
/// The AWS API operations CloudTrail can record, by <c>eventSource</c>: generated once from the
/// botocore service models, plus a hand-maintained supplement of CloudTrail-only events (see
/// <c>Catalog/PROVENANCE.md</c>). Names compare ordinally, as the engine's dispatch does. Immutable.
/// </summary>
public sealed class ApiCatalog
{
    private static readonly Lazy<ApiCatalog> Shipped = new(ApiCatalogResources.Load);

    private readonly FrozenDictionary<string, FrozenSet<string>> operations;
    private readonly Lazy<FrozenDictionary<string, string[]>> sourcesByOperation;

    /// <summary>A catalog of the given pairs; a pair may repeat.</summary>
    public ApiCatalog(IEnumerable<(string EventSource, string EventName)> operations, string? botocoreVersion = null)
    {
        this.operations = operations
            .GroupBy(pair => pair.EventSource, pair => pair.EventName, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        sourcesByOperation = new(() => this.operations
            .SelectMany(source => source.Value.Select(name => (Name: name, Source: source.Key)))
            .GroupBy(pair => pair.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.Select(pair => pair.Source).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal));
        BotocoreVersion = botocoreVersion;
    }

    /// <summary>The catalog shipped in the engine, read on first use.</summary>
    public static ApiCatalog Default => Shipped.Value;

    /// <summary>The botocore release the generated part came from, when known.</summary>
    public string? BotocoreVersion { get; }

    public IReadOnlyCollection<string> EventSources => operations.Keys;

    public bool HasEventSource(string eventSource) => operations.ContainsKey(eventSource);

    /// <summary>True when <paramref name="eventName"/> is an operation of <paramref name="eventSource"/>.</summary>
    public bool HasOperation(string eventSource, string eventName) =>
        operations.TryGetValue(eventSource, out var names) && names.Contains(eventName);

    /// <summary>The operations of an event source; empty when the source is unknown.</summary>
    public IReadOnlySet<string> OperationsOf(string eventSource) =>
        operations.TryGetValue(eventSource, out var names) ? names : FrozenSet<string>.Empty;

    /// <summary>The event sources that have an operation of this name, in order; empty when none has.</summary>
    public IReadOnlyList<string> EventSourcesOf(string eventName) =>
        sourcesByOperation.Value.TryGetValue(eventName, out var sources) ? sources : [];

    /// <summary>The known event source a mistyped one most likely meant, or null.</summary>
    public string? SuggestEventSource(string eventSource) =>
        ClosestName.Find(eventSource, operations.Keys)
        ?? ClosestName.Find(eventSource + ".amazonaws.com", operations.Keys);

    /// <summary>
    /// The operation of the given event sources (of any source when none is given) that a mistyped
    /// event name most likely meant, or null.
    /// </summary>
    public string? SuggestOperation(string eventName, IEnumerable<string> eventSources)
    {
        var sources = eventSources.Where(operations.ContainsKey).ToList();
        var candidates = sources.Count == 0
            ? sourcesByOperation.Value.Keys.AsEnumerable()
            : sources.SelectMany(source => operations[source]).Distinct(StringComparer.Ordinal);
        return ClosestName.Find(eventName, candidates);
    }
}
