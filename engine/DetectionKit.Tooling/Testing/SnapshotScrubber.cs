using System.Globalization;
using System.Text.Json.Nodes;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Replaces values that differ from machine to machine or run to run, so snapshots stay stable:
/// the absolute rules directory becomes <c>{RulesDir}</c>, and timestamps within a day of the run
/// (values a script took from the clock, not from the event) become <c>{Now}</c>.
/// </summary>
public sealed class SnapshotScrubber
{
    private readonly string rulesRoot;
    private readonly DateTimeOffset now;

    public SnapshotScrubber(string rulesRoot, DateTimeOffset now)
    {
        this.rulesRoot = Path.GetFullPath(rulesRoot).TrimEnd(Path.DirectorySeparatorChar);
        this.now = now;
    }

    public JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            // Containers are scrubbed in place and only replaced strings are assigned back: a node
            // that is already a child cannot be assigned to its parent again.
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Scrub(obj[key]) is var scrubbed && !ReferenceEquals(scrubbed, obj[key]))
                    {
                        obj[key] = scrubbed;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Scrub(array[i]) is var scrubbed && !ReferenceEquals(scrubbed, array[i]))
                    {
                        array[i] = scrubbed;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(ScrubText(text));
            default:
                return node;
        }
    }

    private string ScrubText(string text)
    {
        if (text.Contains(rulesRoot, StringComparison.Ordinal))
        {
            text = text.Replace(rulesRoot, "{RulesDir}", StringComparison.Ordinal);
        }

        if (text.Length is >= 10 and <= 40
            && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            && (time - now).Duration() < TimeSpan.FromDays(1))
        {
            return "{Now}";
        }

        return text;
    }
}
