using System.Text.Json.Nodes;
using DetectionKit.Engine.Compilation;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Loading;
using DetectionKit.Engine.Rules;
using DetectionKit.Engine.Sources;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Settings;

/// <summary>
/// Reads a settings file against <c>settings.schema.json</c>, then checks what the schema cannot know:
/// that each parameter is declared by a loaded rule and its value has the declared type, that each rule
/// id is loaded, that each suppression matches something narrower than the whole rule.
/// </summary>
internal static class SettingsFileReader
{
    private static readonly Lazy<SchemaValidator> Schema = new(() => SchemaValidator.FromResource("settings.schema.json"));

    public static SettingsFile? Read(string path, IReadOnlyList<RuleDefinition> rules, ICollection<Diagnostic> diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsInvalid, new SourceLocation(path), "the settings file does not exist"));
            return null;
        }

        // The schema's problems and what only the loaded rules can tell (an unknown rule id or parameter,
        // a value of the wrong type) are reported together: the checks below skip what the schema refused.
        if (Schema.Value.Read(path, diagnostics, out var valid) is not { Root: JsonObject root } document)
        {
            return null;
        }

        var positions = document.Positions;
        var lines = File.ReadAllLines(path);
        var byId = rules.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var global = GlobalParameters(root["parameters"] as JsonObject, rules, positions, diagnostics);
        var settings = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (global.TryGetValue(rule.Id, out var values))
            {
                settings[rule.Id] = new RuleSettings { Parameters = values };
            }
        }

        foreach (var (id, node) in root["rules"] as JsonObject ?? [])
        {
            var pointer = "/rules/" + PositionMap.Escape(id);
            if (!byId.TryGetValue(id, out var rule))
            {
                var suggestion = ClosestName.Find(id, byId.Keys);
                var hint = suggestion is null ? "check the id in the rule's YAML" : $"did you mean '{suggestion}'?";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsUnknownRule, positions.Find(pointer), $"no loaded rule has the id '{id}' ({hint})"));
                continue;
            }

            if (node is not JsonObject entry)
            {
                continue;
            }

            settings[id] = ForRule(rule, entry, pointer, settings.GetValueOrDefault(id) ?? RuleSettings.None, positions, lines, diagnostics);
        }

        if (!valid)
        {
            return null;
        }

        return new SettingsFile(path, Budget(root["budget"] as JsonObject), settings)
        {
            ReadLimits = Limits(root["input"] as JsonObject),
            RedactKeys = JsonValues.Strings(root["alerts"]?["redactKeys"]).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }

    /// <summary>The top-level values, by rule: each rule gets the values of the names it declares, read with its type.</summary>
    private static Dictionary<string, Dictionary<string, object>> GlobalParameters(JsonObject? values, IReadOnlyList<RuleDefinition> rules, PositionMap positions, ICollection<Diagnostic> diagnostics)
    {
        var byRule = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        foreach (var (name, node) in values ?? [])
        {
            var pointer = "/parameters/" + PositionMap.Escape(name);
            var declaring = rules.Select(r => (Rule: r, Declaration: r.Parameters.FirstOrDefault(p => p.Name == name))).Where(d => d.Declaration is not null).ToList();
            if (declaring.Count == 0)
            {
                var suggestion = ClosestName.Find(name, rules.SelectMany(r => r.Parameters).Select(p => p.Name).Distinct(StringComparer.Ordinal));
                var hint = suggestion is null ? "a rule declares its parameters under 'parameters:' in its YAML" : $"did you mean '{suggestion}'?";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsUnknownParameter, positions.Find(pointer), $"parameter '{name}' is declared by no loaded rule ({hint})"));
                continue;
            }

            // Rules that declare the name with the same type read the value once, and share one message.
            foreach (var group in declaring.GroupBy(d => d.Declaration!.Type))
            {
                if (!ParameterValue.TryRead(node, group.Key, out var value, out var problem, out var at))
                {
                    var owners = string.Join(", ", group.Select(d => d.Rule.Id).Take(3)) + (group.Count() > 3 ? $" and {group.Count() - 3} more" : string.Empty);
                    diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsValueInvalid, positions.FindValue(pointer + at), $"parameter '{name}' ({group.Key.ToName()}, as {owners} declare{(group.Count() == 1 ? "s" : string.Empty)} it): the value {problem}"));
                    continue;
                }

                foreach (var (rule, _) in group)
                {
                    if (!byRule.TryGetValue(rule.Id, out var ruleValues))
                    {
                        byRule[rule.Id] = ruleValues = new Dictionary<string, object>(StringComparer.Ordinal);
                    }

                    ruleValues[name] = value;
                }
            }
        }

        return byRule;
    }

    private static RuleSettings ForRule(RuleDefinition rule, JsonObject entry, string pointer, RuleSettings inherited, PositionMap positions, string[] lines, ICollection<Diagnostic> diagnostics)
    {
        var parameters = new Dictionary<string, object>(inherited.Parameters, StringComparer.Ordinal);
        foreach (var (name, node) in entry["parameters"] as JsonObject ?? [])
        {
            var at = pointer + "/parameters/" + PositionMap.Escape(name);
            if (rule.Parameters.FirstOrDefault(p => p.Name == name) is not { } declaration)
            {
                var suggestion = ClosestName.Find(name, rule.Parameters.Select(p => p.Name));
                var hint = suggestion is not null ? $"did you mean '{suggestion}'?" : rule.Parameters.Count == 0 ? "it declares none" : $"it declares {string.Join(", ", rule.Parameters.Select(p => p.Name))}";
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsUnknownParameter, positions.Find(at), $"rule {rule.Id} declares no parameter '{name}' ({hint})", rule.Id));
            }
            else if (!ParameterValue.TryRead(node, declaration.Type, out var value, out var problem, out var item))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SettingsValueInvalid, positions.FindValue(at + item), $"parameter '{name}' ({declaration.Type.ToName()}) of rule {rule.Id}: the value {problem}", rule.Id));
            }
            else
            {
                parameters[name] = value;
            }
        }

        SeverityNames.TryParse(JsonValues.Text(entry["severity"]), out var severity);
        return new RuleSettings
        {
            Enabled = entry["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var on) ? (bool?)on : null,
            Severity = entry.ContainsKey("severity") ? severity : (AlertSeverity?)null,
            DedupPeriodMinutes = Integer(entry["dedup"]?["periodMinutes"]),
            Threshold = Integer(entry["threshold"]),
            Parameters = parameters,
            Suppressions = Suppressions(rule, entry["suppressions"] as JsonArray, pointer + "/suppressions", positions, lines, diagnostics),
        };
    }

    private static List<RuleSuppression> Suppressions(RuleDefinition rule, JsonArray? items, string pointer, PositionMap positions, string[] lines, ICollection<Diagnostic> diagnostics)
    {
        var suppressions = new List<RuleSuppression>();
        for (var index = 0; index < (items?.Count ?? 0); index++)
        {
            if (items![index] is not JsonObject item)
            {
                continue;
            }

            var at = $"{pointer}/{index}";
            var location = positions.FindValue(at);
            var when = JsonValues.Text(item["when"]);
            if (!item.ContainsKey("principal") && !item.ContainsKey("account") && !item.ContainsKey("region") && when is null)
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SuppressionInvalid, location, $"this suppression of {rule.Id} names nothing to match, so it would suppress every match: give a principal, account, region or when (to stop running the rule, set 'enabled: false')", rule.Id));
                continue;
            }

            if (when is not null && !WhenExpression.IsOneExpression(when, out var why))
            {
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.SuppressionInvalid, positions.FindValue(at + "/when"), $"'when' is one C# boolean expression over the event e (such as e.RequestParameter(\"roleName\") == \"audit\"): {why}", rule.Id));
                continue;
            }

            suppressions.Add(new RuleSuppression
            {
                Reason = JsonValues.Text(item["reason"]) ?? string.Empty,
                Principal = JsonValues.Text(item["principal"]),
                Account = JsonValues.Text(item["account"]),
                Region = JsonValues.Text(item["region"]),
                When = when,
                Location = location,
                WhenLocation = when is null ? null : WhenExpression.Start(lines, positions.FindValue(at + "/when")),
            });
        }

        return suppressions;
    }

    private static EvaluationBudget Budget(JsonObject? budget)
    {
        var defaults = EvaluationBudget.Default;
        if (budget is null)
        {
            return defaults;
        }

        return new EvaluationBudget
        {
            MaxSteps = Long(budget["steps"]) ?? defaults.MaxSteps,
            MaxCallDepth = Integer(budget["callDepth"]) ?? defaults.MaxCallDepth,
            MaxAllocatedBytes = Long(budget["allocationMiB"]) is { } mib ? Math.Min(mib, long.MaxValue >> 20) << 20 : defaults.MaxAllocatedBytes,
            MaxWallClock = Long(budget["wallClockMs"]) is { } wall ? TimeSpan.FromMilliseconds(wall) : defaults.MaxWallClock,
            RegexTimeout = Long(budget["regexTimeoutMs"]) is { } regex ? TimeSpan.FromMilliseconds(regex) : defaults.RegexTimeout,
        };
    }

    private static ReadLimits Limits(JsonObject? input)
    {
        var defaults = ReadLimits.Default;
        if (input is null)
        {
            return defaults;
        }

        return new ReadLimits
        {
            MaxObjectBytes = Long(input["maxObjectMiB"]) is { } objectMib ? Math.Min(objectMib, long.MaxValue >> 20) << 20 : defaults.MaxObjectBytes,
            // A record is held in one array: its limit stays below what an array can hold.
            MaxRecordBytes = Long(input["maxRecordMiB"]) is { } recordMib ? (int)(Math.Min(recordMib, 1024) << 20) : defaults.MaxRecordBytes,
        };
    }

    // The schema has checked for whole numbers at or above their minimum; one past Int64 (read as decimal) is as good as no limit.
    private static long? Long(JsonNode? node) =>
        node is null ? null : node is JsonValue value && value.TryGetValue<long>(out var number) ? number : long.MaxValue;

    private static int? Integer(JsonNode? node) => Long(node) is { } number ? (int)Math.Min(number, int.MaxValue) : null;
}
