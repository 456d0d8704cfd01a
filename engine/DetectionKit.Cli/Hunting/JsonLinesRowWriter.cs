using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Cli.Hunting;

/// <summary>
/// One JSON object per line: the record itself when there are no columns (<c>--where</c> alone), else an
/// object keyed by each expression's text (a repeated expression gets <c>#2</c>, <c>#3</c> after it).
/// </summary>
internal sealed class JsonLinesRowWriter(TextWriter output, IReadOnlyList<string> headers) : IRowWriter
{
    private readonly IReadOnlyList<string> keys = Unique(headers);

    public void Write(IReadOnlyList<JsonNode?> values, CloudTrailEvent? record)
    {
        if (keys.Count == 0 && record is not null)
        {
            output.Write(JsonSerializer.Serialize(record.Json));
            output.Write('\n');
            return;
        }

        var line = new JsonObject();
        for (var i = 0; i < keys.Count; i++)
        {
            line[keys[i]] = values[i]?.DeepClone();
        }

        output.Write(line.ToJsonString());
        output.Write('\n');
    }

    public void Finish() => output.Flush();

    private static List<string> Unique(IReadOnlyList<string> headers)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return headers.Select(h => (seen[h] = seen.GetValueOrDefault(h) + 1) == 1 ? h : $"{h} #{seen[h]}").ToList();
    }
}
