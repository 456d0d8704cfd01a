using System.Text.Json.Nodes;

namespace DetectionKit.Engine.Hunting;

/// <summary>
/// <c>--count-by</c>: one counter per distinct key (the values of the key expressions, compared as
/// JSON), and nothing else, so memory grows with the number of keys, never with the records.
/// </summary>
public sealed class GroupCounts
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);

    public int Count => groups.Count;

    public void Add(IReadOnlyList<JsonNode?> key)
    {
        var text = string.Join('\u001f', key.Select(v => v?.ToJsonString() ?? "null"));
        if (groups.TryGetValue(text, out var group))
        {
            group.Count++;
        }
        else
        {
            groups[text] = new Group([.. key]) { Count = 1 };
        }
    }

    /// <summary>The groups, the largest first; groups of the same size in the order of their keys.</summary>
    public IReadOnlyList<(IReadOnlyList<JsonNode?> Key, long Count)> Largest(int? limit = null) => groups
        .OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Take(limit ?? int.MaxValue)
        .Select(g => ((IReadOnlyList<JsonNode?>)g.Value.Key, g.Value.Count))
        .ToList();

    private sealed class Group(IReadOnlyList<JsonNode?> key)
    {
        public IReadOnlyList<JsonNode?> Key { get; } = key;

        public long Count { get; set; }
    }
}
