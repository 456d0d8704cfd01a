using System.Text.Json.Nodes;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Rules;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Reads a rule's <c>correlation:</c> block (already checked against the schema) and checks what the
/// schema cannot say: which keys go with which type, step names, and what a rule without a script can do.
/// Whether a <c>rule:</c> step names a loaded rule is checked over the whole rule set (<see cref="CorrelationReferences"/>).
/// </summary>
internal static class CorrelationBlock
{
    /// <summary>Keys of a rule of single events that mean nothing on a correlation rule.</summary>
    private static readonly string[] EventRuleKeys = ["match", "dedup", "threshold"];

    /// <summary>The longest timespan: what a group keeps of its step matches stays well inside what the state keeps.</summary>
    public static TimeSpan MaxTimespan { get; } = TimeSpan.FromDays(7);

    public static CorrelationDefinition? Read(JsonObject root, PositionMap positions, string ruleId, bool hasScript, ICollection<Diagnostic> diagnostics)
    {
        if (root["correlation"] is not JsonObject block)
        {
            return null;
        }

        var before = diagnostics.Count;
        void Error(string pointer, string message) =>
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.CorrelationInvalid, positions.Find(pointer), message, ruleId));

        foreach (var key in EventRuleKeys.Where(root.ContainsKey))
        {
            Error("/" + key, $"'{key}' does not apply to a correlation rule: its steps say which events it looks at, and it alerts once per sequence; remove '{key}' (a function step takes its own 'match')");
        }

        var type = block["type"]!.GetValue<string>() switch
        {
            "event_count" => CorrelationType.EventCount,
            "value_count" => CorrelationType.ValueCount,
            "temporal" => CorrelationType.Temporal,
            _ => CorrelationType.TemporalOrdered,
        };
        var steps = Steps(block["steps"]!.AsArray(), positions, Error);
        var counting = type is CorrelationType.EventCount or CorrelationType.ValueCount;
        var condition = block["condition"] as JsonObject;
        int threshold;
        if (counting)
        {
            threshold = condition is null ? 0 : condition["gte"] is { } gte ? Whole(gte) : Whole(condition["gt"]!) + 1;
            if (condition is null)
            {
                Error("/correlation/type", $"a {CorrelationDefinition.NameOf(type)} rule needs a 'condition' ({{ gte: N }}): how many {(type == CorrelationType.ValueCount ? "distinct values" : "matches")} of one group within the timespan fire it");
            }
        }
        else
        {
            threshold = steps.Count;
            if (condition is not null)
            {
                Error("/correlation/condition", $"'condition' applies to event_count and value_count; a {CorrelationDefinition.NameOf(type)} rule fires when every step occurs within the timespan, so remove it");
            }

            if (steps.Count < 2)
            {
                Error("/correlation/steps", $"a {CorrelationDefinition.NameOf(type)} rule correlates at least two steps; add the step that should follow, or use event_count for one step");
            }
        }

        var timespan = Timespan(block["timespan"]!.GetValue<string>());
        if (timespan > MaxTimespan)
        {
            Error("/correlation/timespan", $"'timespan' is at most {MaxTimespan.TotalDays:0}d: a group keeps its step matches that long, and the state forgets what is older than its windows; for a rarer pattern over a longer time, a first_seen block on a rule may say it");
        }

        var after = block["after"]?.GetValue<string>();
        if (after is not null)
        {
            if (!counting)
            {
                Error("/correlation/after", $"'after' starts a count; a {CorrelationDefinition.NameOf(type)} rule orders its steps itself, so remove it");
            }
            else if (!steps.Any(s => s.Name == after))
            {
                Error("/correlation/after", $"'after' names step '{after}', which the rule does not have; it is one of: {string.Join(", ", steps.Select(s => s.Name))}");
            }
            else if (steps.Count < 2)
            {
                Error("/correlation/after", $"'after' starts the count at step '{after}', so another step must say what is counted; add it");
            }
        }

        var field = block["field"]?.GetValue<string>();
        if (field is not null && type != CorrelationType.ValueCount)
        {
            Error("/correlation/field", $"'field' names the value a value_count rule counts; a {CorrelationDefinition.NameOf(type)} rule has none, so remove it");
        }

        var groupBy = RuleFileParser.Strings(block["group_by"]);
        if (!hasScript)
        {
            if (groupBy.Count == 0)
            {
                Error("/correlation", "without a script the group key must come from 'group_by' (field paths such as userIdentity.arn); add it, or a script with 'string Group(CloudTrailEvent e)'");
            }

            if (type == CorrelationType.ValueCount && field is null)
            {
                Error("/correlation", "without a script a value_count rule counts the values of 'field'; add it, or a script with 'string Value(CloudTrailEvent e)'");
            }

            foreach (var (step, index) in steps.Select((s, i) => (s, i)).Where(p => p.s.Function is not null))
            {
                Error($"/correlation/steps/{index}/function", $"step '{step.Name}' names the function '{step.Function}', but the rule has no script; write it in a script beside the YAML, or make the step another rule's matches ('rule: ID')");
            }
        }

        if (diagnostics.Count > before)
        {
            return null;
        }

        return new CorrelationDefinition
        {
            Type = type,
            Timespan = timespan,
            Steps = steps,
            GroupBy = groupBy,
            Field = field,
            Threshold = threshold,
            Generate = block["generate"]?.GetValue<bool>() ?? false,
            After = after,
            Location = positions.Find("/correlation"),
        };
    }

    /// <summary>A timespan as the schema allows it: a whole number and s, m, h or d.</summary>
    public static TimeSpan Timespan(string text)
    {
        var number = long.Parse(text.AsSpan(0, text.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(number),
            'm' => TimeSpan.FromMinutes(number),
            'h' => TimeSpan.FromHours(number),
            _ => TimeSpan.FromDays(number),
        };
    }

    private static List<CorrelationStepDefinition> Steps(JsonArray items, PositionMap positions, Action<string, string> error)
    {
        var steps = new List<CorrelationStepDefinition>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index]!.AsObject();
            var name = item["name"]!.GetValue<string>();
            if (!names.TryAdd(name, index))
            {
                error($"/correlation/steps/{index}/name", $"step name '{name}' is already used by step {names[name] + 1}; step names are unique within a rule");
                continue;
            }

            steps.Add(new CorrelationStepDefinition(name, positions.Find($"/correlation/steps/{index}"))
            {
                Function = item["function"]?.GetValue<string>(),
                RuleId = item["rule"]?.GetValue<string>(),
                Match = item["match"] is JsonObject match ? new EventMatch(RuleFileParser.Strings(match["eventSource"]), RuleFileParser.Strings(match["eventName"])) : EventMatch.Any,
            });
        }

        return steps;
    }

    private static int Whole(JsonNode node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? (int)Math.Min(number, int.MaxValue - 1) : int.MaxValue - 1;
}
