using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetectionKit.Engine.Alerting;

/// <summary>
/// What an alert may carry of its event: the values found under sensitive keys anywhere in the record
/// (<see cref="DefaultKeys"/> and the settings file's <c>alerts.redactKeys</c>) are replaced by
/// <see cref="Marker"/> wherever they occur in the alert's strings, whatever the rule copied or
/// formatted, and every string is cut at <see cref="MaxStringLength"/> characters.
/// </summary>
public sealed class AlertRedaction
{
    public const string Marker = "[redacted]";

    /// <summary>Shorter values are left alone: "true", a region letter or a port would otherwise be scrubbed everywhere.</summary>
    public const int MinimumSecretLength = 4;

    /// <summary>The longest string an alert carries; a longer one keeps this many characters and a marker.</summary>
    public const int MaxStringLength = 4096;

    /// <summary>Key names (compared without case) whose values are secrets wherever they sit in a record.</summary>
    public static IReadOnlyList<string> DefaultKeys { get; } =
    [
        "password", "newPassword", "oldPassword", "masterUserPassword", "passwordHash",
        "secretAccessKey", "sessionToken", "x-amz-security-token",
        "secretString", "secretBinary", "privateKey", "clientSecret", "apiKey",
    ];

    // CloudTrail's own placeholders for what it already withheld: not secrets, and scrubbing them would hide that it did.
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal) { "HIDDEN_DUE_TO_SECURITY_REASONS" };

    private static readonly ConditionalWeakTable<IReadOnlyCollection<string>, AlertRedaction> ByExtraKeys = [];

    private readonly HashSet<string> keys;

    private AlertRedaction(IEnumerable<string> keys) => this.keys = new HashSet<string>(keys, StringComparer.OrdinalIgnoreCase);

    public static AlertRedaction Default { get; } = new(DefaultKeys);

    /// <summary>Every key whose values are scrubbed.</summary>
    public IReadOnlyCollection<string> Keys => keys;

    /// <summary>The default keys and <paramref name="extraKeys"/>; one instance per list, as settings share one list across rules.</summary>
    public static AlertRedaction With(IReadOnlyCollection<string> extraKeys) =>
        extraKeys.Count == 0 ? Default : ByExtraKeys.GetValue(extraKeys, extra => new AlertRedaction(DefaultKeys.Concat(extra)));

    /// <summary>
    /// The alert with the secrets of <paramref name="record"/> scrubbed from its title, dedup key,
    /// context and other strings, and every string cut to size. The alert id is left as computed:
    /// it is a hash, and grouping uses the match's own dedup key, so the windows do not move.
    /// </summary>
    public Alert Apply(Alert alert, JsonElement record)
    {
        var secrets = SecretsOf(record);
        return alert with
        {
            Title = Clean(alert.Title, secrets),
            DedupKey = Clean(alert.DedupKey, secrets),
            EventSource = CleanOrNull(alert.EventSource, secrets),
            EventName = CleanOrNull(alert.EventName, secrets),
            RecipientAccountId = CleanOrNull(alert.RecipientAccountId, secrets),
            AwsRegion = CleanOrNull(alert.AwsRegion, secrets),
            Context = Clean(alert.Context, secrets),
        };
    }

    /// <summary>The values under the sensitive keys, longest first so a value inside another is not scrubbed half.</summary>
    public IReadOnlyList<string> SecretsOf(JsonElement record)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(record, sensitive: false, found);
        return found.Count == 0 ? [] : [.. found.OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal)];
    }

    private void Collect(JsonElement element, bool sensitive, HashSet<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, sensitive || keys.Contains(property.Name), found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, sensitive, found);
                }

                break;
            case JsonValueKind.String when sensitive:
                Add(element.GetString()!, found);
                break;
            case JsonValueKind.Number when sensitive:
                Add(element.GetRawText(), found);
                break;
        }
    }

    private static void Add(string value, HashSet<string> found)
    {
        if (value.Length >= MinimumSecretLength && !Placeholders.Contains(value))
        {
            found.Add(value);
        }
    }

    private static string? CleanOrNull(string? text, IReadOnlyList<string> secrets) => text is null ? null : Clean(text, secrets);

    private static string Clean(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Marker, StringComparison.Ordinal);
        }

        return Truncate(text);
    }

    /// <summary>A copy of the node with every string and property name scrubbed and cut, and a number that is a secret replaced.</summary>
    private static JsonNode? Clean(JsonNode? node, IReadOnlyList<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    var key = Clean(name, secrets);
                    // Two names that scrub alike both stay: the second under a numbered name.
                    for (var n = 2; copy.ContainsKey(key); n++)
                    {
                        key = $"{Clean(name, secrets)} ({n})";
                    }

                    copy[key] = Clean(value, secrets);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Clean(item, secrets))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                // A value that holds a Guid or a date serialises as a string without being one.
                return JsonValue.Create(Clean(value.TryGetValue<string>(out var text) ? text : value.Deserialize<string>()!, secrets));
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && secrets.Contains(value.ToJsonString(), StringComparer.Ordinal):
                return JsonValue.Create(Marker);
            default:
                return node?.DeepClone();
        }
    }

    private static string Truncate(string text)
    {
        if (text.Length <= MaxStringLength)
        {
            return text;
        }

        // Never cut a surrogate pair in two: the half would not encode.
        var keep = char.IsHighSurrogate(text[MaxStringLength - 1]) ? MaxStringLength - 1 : MaxStringLength;
        return $"{text[..keep]}…[truncated {text.Length - keep} chars]";
    }
}
