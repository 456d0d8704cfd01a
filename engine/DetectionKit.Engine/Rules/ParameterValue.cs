using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DetectionKit.Scripting;

namespace DetectionKit.Engine.Rules;

/// <summary>
/// Reads a parameter value written in YAML (a rule's default, a case's value, a settings file's) into
/// what the rule API's <c>Parameters</c> accessors return: <c>IReadOnlySet&lt;string&gt;</c> for
/// <c>accountIds</c>, <c>IReadOnlyList&lt;Cidr&gt;</c> for <c>cidrs</c>, <c>IReadOnlyList&lt;string&gt;</c>,
/// <c>string</c>, <c>double</c>, <c>bool</c>. Values are checked and parsed once, when the file is
/// read, so a bad range or account id is a diagnostic at its line and never an error per event.
/// </summary>
public static partial class ParameterValue
{
    /// <summary>Reads a value of the type.</summary>
    /// <param name="node">The value as the YAML reader gives it.</param>
    /// <param name="type">The declared type.</param>
    /// <param name="value">The value, when the method returns true.</param>
    /// <param name="problem">What is wrong and how to write it, when the method returns false.</param>
    /// <param name="at">The JSON Pointer suffix of the wrong item (<c>/2</c>), or empty for the value as a whole.</param>
    public static bool TryRead(JsonNode? node, ParameterType type, out object value, out string problem, out string at)
    {
        value = null!;
        problem = string.Empty;
        at = string.Empty;
        switch (type)
        {
            case ParameterType.String when node is JsonValue text && text.TryGetValue<string>(out var s):
                value = s;
                return true;
            case ParameterType.Number when node is JsonValue number && number.GetValueKind() == JsonValueKind.Number:
                value = double.Parse(number.ToJsonString(), CultureInfo.InvariantCulture);
                return true;
            case ParameterType.Bool when node is JsonValue flag && flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                value = flag.GetValue<bool>();
                return true;
            case ParameterType.AccountIds or ParameterType.Cidrs or ParameterType.Strings when node is JsonArray array:
                return TryReadList(array, type, out value, out problem, out at);
            default:
                problem = $"is {Describe(node)}, but a {type.ToName()} parameter is {type.Shape()}";
                return false;
        }
    }

    /// <summary>Later values replace earlier ones of the same name: defaults, then settings, then a case's own.</summary>
    public static IReadOnlyDictionary<string, object> Merge(params IReadOnlyDictionary<string, object>[] layers)
    {
        var merged = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (name, value) in layer)
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    private static bool TryReadList(JsonArray array, ParameterType type, out object value, out string problem, out string at)
    {
        value = null!;
        problem = string.Empty;
        at = string.Empty;
        var items = new List<string>(array.Count);
        var ranges = new List<Cidr>();
        for (var index = 0; index < array.Count; index++)
        {
            at = $"/{index}";
            var item = array[index];
            if (type == ParameterType.AccountIds && item is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
            {
                problem = $"is the number {number.ToJsonString()}: write account ids in quotes (\"{number.ToJsonString()}\"), or YAML reads them as numbers and drops leading zeros";
                return false;
            }

            if (item is not JsonValue text || !text.TryGetValue<string>(out var s))
            {
                problem = $"is {Describe(item)}, but a {type.ToName()} parameter is {type.Shape()}";
                return false;
            }

            if (type == ParameterType.AccountIds && !AccountId().IsMatch(s))
            {
                problem = $"'{s}' is not a 12-digit account id" + (AccountId().IsMatch(s.Replace("-", string.Empty, StringComparison.Ordinal)) ? $" (write it as {s.Replace("-", string.Empty, StringComparison.Ordinal)})" : string.Empty);
                return false;
            }

            if (type == ParameterType.Cidrs)
            {
                if (!Cidr.TryParse(s, out var range))
                {
                    problem = $"'{s}' is not an IP range or address (such as 10.0.0.0/8, 2001:db8::/32 or 198.51.100.7)";
                    return false;
                }

                ranges.Add(range);
            }

            items.Add(s);
        }

        at = string.Empty;
        value = type switch
        {
            ParameterType.AccountIds => items.ToFrozenSet(StringComparer.Ordinal),
            ParameterType.Cidrs => ranges.AsReadOnly(),
            _ => items.AsReadOnly(),
        };
        return true;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "empty",
        JsonArray => "a list",
        JsonObject => "a mapping",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => $"the string {value.ToJsonString()}",
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
