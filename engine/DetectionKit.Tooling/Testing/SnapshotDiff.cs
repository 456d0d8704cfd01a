using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Testing;

/// <summary>Describes how two snapshot entries differ, field by field, in dotted paths.</summary>
public static class SnapshotDiff
{
    public static string Describe(JsonNode? verified, JsonNode? received)
    {
        var lines = new List<string>();
        Compare(string.Empty, verified, received, lines);
        return string.Join('\n', lines);
    }

    private static void Compare(string path, JsonNode? verified, JsonNode? received, List<string> lines)
    {
        if (JsonNode.DeepEquals(verified, received))
        {
            return;
        }

        if (verified is JsonObject left && received is JsonObject right)
        {
            foreach (var key in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                var child = path.Length == 0 ? key : $"{path}.{key}";
                if (!right.ContainsKey(key))
                {
                    lines.Add($"  - {child}: {Text(left[key])} (missing now)");
                }
                else if (!left.ContainsKey(key))
                {
                    lines.Add($"  + {child}: {Text(right[key])} (new)");
                }
                else
                {
                    Compare(child, left[key], right[key], lines);
                }
            }

            return;
        }

        lines.Add($"  ~ {(path.Length == 0 ? "(value)" : path)}: verified {Text(verified)}, received {Text(received)}");
    }

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
}
