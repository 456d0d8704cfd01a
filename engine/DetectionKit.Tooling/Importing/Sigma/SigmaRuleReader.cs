using System.Text.Json;
using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Reads a Sigma rule file into a <see cref="SigmaRule"/>, within the limits every YAML file the
/// engine reads is held to (<see cref="YamlLimits"/>), collecting every problem with its line.
/// Only the shape is checked here; what a rule means is the converter's business.
/// </summary>
public static class SigmaRuleReader
{
    /// <summary>The rule, or null (with diagnostics) when the file is not a Sigma detection rule.</summary>
    public static SigmaRule? Read(string path, ICollection<Diagnostic> diagnostics)
    {
        string? text;
        try
        {
            text = SchemaValidator.ReadText(path, YamlLimits.Default.MaxFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, new SourceLocation(path), $"cannot read the Sigma file: {ex.Message}"));
            return null;
        }

        if (text is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlTooLarge, new SourceLocation(path), $"the file is larger than {YamlLimits.Default.MaxFileBytes / 1024:N0} KiB; a Sigma rule is a few kilobytes (is this the right file?)"));
            return null;
        }

        return Parse(path, text, diagnostics);
    }

    /// <summary>Reads <paramref name="text"/> as the Sigma file <paramref name="path"/>.</summary>
    public static SigmaRule? Parse(string path, string text, ICollection<Diagnostic> diagnostics)
    {
        if (YamlDocument.Parse(path, text, diagnostics) is not { } document)
        {
            return null;
        }

        var positions = document.Positions;
        if (document.Root is not JsonObject root)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, new SourceLocation(path, 1, 1), "not a Sigma rule: the file is not a map of keys (title, logsource, detection, ...)"));
            return null;
        }

        if (root.ContainsKey("correlation"))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaAggregation, positions.Find("/correlation"), "a Sigma correlation rule relates several events (counts, sequences over time); a DetectionKit rule judges one event at a time (use threshold: and dedup: for counts), so it is not converted"));
            return null;
        }

        if (root.ContainsKey("filter") && !root.ContainsKey("detection"))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, positions.Find("/filter"), "a Sigma filter (a meta-rule that excludes events from other rules) is not a detection rule; express it as a suppression in a settings file"));
            return null;
        }

        var errors = diagnostics.Count(d => d.IsError);
        var title = RequiredText(root, "title", positions, diagnostics);
        var logsource = root["logsource"] as JsonObject;
        if (logsource is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, root.ContainsKey("logsource") ? positions.Find("/logsource") : new SourceLocation(path, 1, 1), "not a Sigma rule: 'logsource' (a map with product, service, category) is missing"));
        }

        var detection = root["detection"] as JsonObject;
        if (detection is null)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, root.ContainsKey("detection") ? positions.Find("/detection") : new SourceLocation(path, 1, 1), "not a Sigma rule: 'detection' (a map of search identifiers and a condition) is missing"));
        }

        if (diagnostics.Count(d => d.IsError) > errors || title is null || logsource is null || detection is null)
        {
            return null;
        }

        var searches = Searches(detection, positions, diagnostics);
        var conditions = Conditions(detection, positions, diagnostics);
        if (diagnostics.Count(d => d.IsError) > errors)
        {
            return null;
        }

        return new SigmaRule
        {
            Path = path,
            Title = title,
            Id = Text(root["id"]),
            Status = Text(root["status"]),
            Description = Text(root["description"]),
            References = Texts(root["references"]),
            Author = Text(root["author"]),
            Date = Text(root["date"]),
            Modified = Text(root["modified"]),
            License = Text(root["license"]),
            Tags = Texts(root["tags"]),
            Level = Text(root["level"]),
            FalsePositives = Texts(root["falsepositives"]),
            Product = Text(logsource["product"]),
            Service = Text(logsource["service"]),
            Category = Text(logsource["category"]),
            Searches = searches,
            Conditions = conditions,
            Timeframe = detection.ContainsKey("timeframe") ? positions.Find("/detection/timeframe") : null,
            Positions = positions,
        };
    }

    private static List<SigmaSearch> Searches(JsonObject detection, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        var searches = new List<SigmaSearch>();
        foreach (var (name, value) in detection)
        {
            if (name is "condition" or "timeframe")
            {
                continue;
            }

            var pointer = "/detection/" + PositionMap.Escape(name);
            var at = positions.Find(pointer);
            switch (value)
            {
                case JsonObject map:
                    searches.Add(new SigmaSearch(name, [FieldMatches(map, pointer, positions, diagnostics)], at));
                    break;
                case JsonArray list when list.Count > 0 && list.All(item => item is JsonObject):
                    searches.Add(new SigmaSearch(name, [.. list.Select((item, index) => FieldMatches((JsonObject)item!, $"{pointer}/{index}", positions, diagnostics))], at));
                    break;
                case JsonArray list when list.All(item => item is null or JsonValue):
                    // Values with no field: Sigma looks for them anywhere in the record's text.
                    searches.Add(new SigmaSearch(name, [[new SigmaFieldMatch(string.Empty, [], [.. list.Select((item, index) => new SigmaValue(item, positions.FindValue($"{pointer}/{index}")))], at)]], at));
                    break;
                case JsonValue scalar:
                    searches.Add(new SigmaSearch(name, [[new SigmaFieldMatch(string.Empty, [], [new SigmaValue(scalar, positions.FindValue(pointer))], at)]], at));
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, at, $"search identifier '{name}' is neither a map of fields nor a list (of maps, or of keywords)"));
                    break;
            }
        }

        return searches;
    }

    private static List<SigmaFieldMatch> FieldMatches(JsonObject map, string pointer, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        var matches = new List<SigmaFieldMatch>();
        if (map.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, positions.FindValue(pointer), "an empty map of fields matches nothing Sigma defines; name at least one field"));
        }

        foreach (var (key, value) in map)
        {
            var keyPointer = pointer + "/" + PositionMap.Escape(key);
            var at = positions.Find(keyPointer);
            var parts = key.Split('|');
            var values = new List<SigmaValue>();
            switch (value)
            {
                case JsonArray list:
                    for (var index = 0; index < list.Count; index++)
                    {
                        if (list[index] is JsonObject or JsonArray)
                        {
                            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, positions.FindValue($"{keyPointer}/{index}"), $"'{key}' lists a map or a list; a field's values are strings, numbers, booleans or null"));
                            continue;
                        }

                        values.Add(new SigmaValue(list[index], positions.FindValue($"{keyPointer}/{index}")));
                    }

                    if (list.Count == 0)
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaValueInvalid, at, $"'{key}' has an empty list of values, which Sigma gives no meaning; write a value, or null for an absent field"));
                    }

                    break;
                case JsonObject:
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, at, $"'{key}' holds a map; a field's value is a string, a number, a boolean, null, or a list of them (nested fields are written with dots: requestParameters.userName)"));
                    break;
                default:
                    values.Add(new SigmaValue(value, positions.FindValue(keyPointer)));
                    break;
            }

            matches.Add(new SigmaFieldMatch(parts[0], parts[1..], values, at));
        }

        return matches;
    }

    private static List<(string, SourceLocation)> Conditions(JsonObject detection, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        switch (detection["condition"])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return [(value.GetValue<string>(), positions.FindValue("/detection/condition"))];
            case JsonArray list when list.Count > 0 && list.All(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.String):
                return [.. list.Select((item, index) => (item!.GetValue<string>(), positions.FindValue($"/detection/condition/{index}")))];
            case null when !detection.ContainsKey("condition"):
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaConditionInvalid, positions.Find("/detection"), "the detection has no 'condition'; say how the search identifiers combine, e.g. 'condition: selection and not filter'"));
                return [];
            default:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaConditionInvalid, positions.Find("/detection/condition"), "'condition' is a string, or a list of strings"));
                return [];
        }
    }

    private static string? RequiredText(JsonObject root, string key, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        if (Text(root[key]) is { Length: > 0 } text)
        {
            return text;
        }

        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SigmaUnreadable, root.ContainsKey(key) ? positions.Find("/" + key) : new SourceLocation(positions.Path, 1, 1), $"not a Sigma rule: '{key}' is missing or empty"));
        return null;
    }

    private static string? Text(JsonNode? node) => node is JsonValue ? new SigmaValue(node, new SourceLocation(string.Empty)).Text : null;

    private static IReadOnlyList<string> Texts(JsonNode? node) => node switch
    {
        JsonArray list => [.. list.Select(Text).OfType<string>()],
        JsonValue => Text(node) is { } one ? [one] : [],
        _ => [],
    };
}
