using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>
/// Writes the YAML of an imported rule: the schema header, why it is disabled, the metadata Sigma
/// gives, the <c>match</c> block, the Sigma origin under <c>sigma:</c> and an empty <c>tests</c>
/// list for the real cases to come. Text that is not a plain word is written as a JSON string (YAML
/// reads those alike), so no title or description can change the file's structure.
/// </summary>
internal static partial class SigmaRuleYamlWriter
{
    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Content(SigmaRule Rule, string Id, string SchemaReference, string Severity, IReadOnlyList<string> References, IReadOnlyList<string> Tags, IReadOnlyList<string> Mitre, SigmaMatch Match);

    public static string Write(Content content)
    {
        var rule = content.Rule;
        var yaml = new StringBuilder();
        yaml.Append("# yaml-language-server: $schema=").Append(content.SchemaReference).Append('\n');
        yaml.Append("# Imported by 'detectionkit import sigma' from the Sigma rule ").Append(new string(Path.GetFileName(rule.Path).Select(c => char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c).ToArray())).Append(".\n");
        yaml.Append("# Disabled until it has cases: record a positive and a negative case from real CloudTrail records\n");
        yaml.Append("# (file: cases), then run\n");
        yaml.Append("#   detectionkit test --filter ").Append(content.Id).Append(" --accept\n");
        yaml.Append("# review the snapshot, and set enabled: true.\n");
        yaml.Append("id: ").Append(Scalar(content.Id)).Append('\n');
        yaml.Append("title: ").Append(Scalar(rule.Title)).Append('\n');
        yaml.Append("severity: ").Append(content.Severity).Append('\n');
        yaml.Append("description: ").Append(Text(rule.Description ?? rule.Title)).Append('\n');
        if (rule.FalsePositives.Count > 0)
        {
            yaml.Append("runbook: ").Append(Scalar("False positives the Sigma rule lists: " + string.Join("; ", rule.FalsePositives.Select(f => f.Trim().TrimEnd('.'))) + ".")).Append('\n');
        }

        List("references", content.References, yaml, block: true);
        List("tags", content.Tags, yaml, block: false);
        List("mitre", content.Mitre, yaml, block: false);
        yaml.Append("enabled: false\n");
        if (content.Match.EventSources.Count + content.Match.EventNames.Count > 0)
        {
            yaml.Append("match:\n");
            Names("eventSource", content.Match.EventSources, yaml);
            Names("eventName", content.Match.EventNames, yaml);
        }

        yaml.Append("sigma:\n");
        foreach (var (key, value) in new[] { ("id", rule.Id), ("file", Path.GetFileName(rule.Path)), ("status", rule.Status), ("author", rule.Author), ("date", rule.Date), ("modified", rule.Modified), ("license", rule.License) })
        {
            if (value is { Length: > 0 })
            {
                yaml.Append("  ").Append(key).Append(": ").Append(Scalar(value)).Append('\n');
            }
        }

        yaml.Append("tests: []\n");
        return yaml.ToString();
    }

    private static void List(string key, IReadOnlyList<string> values, StringBuilder yaml, bool block)
    {
        if (values.Count == 0)
        {
            return;
        }

        if (block)
        {
            yaml.Append(key).Append(":\n");
            foreach (var value in values)
            {
                yaml.Append("  - ").Append(PlainUrl().IsMatch(value) ? value : Scalar(value)).Append('\n');
            }
        }
        else
        {
            yaml.Append(key).Append(": [").Append(string.Join(", ", values.Select(Scalar))).Append("]\n");
        }
    }

    private static void Names(string key, IReadOnlyList<string> values, StringBuilder yaml)
    {
        if (values.Count == 1)
        {
            yaml.Append("  ").Append(key).Append(": ").Append(Scalar(values[0])).Append('\n');
        }
        else if (values.Count > 1)
        {
            yaml.Append("  ").Append(key).Append(": [").Append(string.Join(", ", values.Select(Scalar))).Append("]\n");
        }
    }

    /// <summary>Text of several lines as a literal block (<c>|</c>), when it can be one; else as <see cref="Scalar"/>.</summary>
    private static string Text(string text)
    {
        var body = text.EndsWith('\n') ? text[..^1] : text;
        if (!body.Contains('\n', StringComparison.Ordinal) || body.Length == 0 || body[0] == ' ' || body.EndsWith('\n') || body.Any(c => c < ' ' && c != '\n'))
        {
            return Scalar(text);
        }

        var lines = body.Split('\n').Select(line => line.Length == 0 ? string.Empty : "  " + line);
        return (text.EndsWith('\n') ? "|" : "|-") + "\n" + string.Join('\n', lines);
    }

    /// <summary>The text as a plain YAML scalar when it reads back as the same string, else as a JSON string.</summary>
    private static string Scalar(string text) =>
        PlainText().IsMatch(text) && !Typed().IsMatch(text) ? text : JsonSerializer.Serialize(text, Quoting);

    // Letters first, then letters, digits, spaces and punctuation that mean nothing to YAML in a plain
    // scalar; no ':' or '#' (a key or a comment), no trailing space, nothing YAML would read as a list or map.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9 ._/@()+'-]*(?<! )$")]
    private static partial Regex PlainText();

    // A URL YAML reads back as written in a block list: no spaces (so no ': ' or ' #'), no flow indicators.
    [GeneratedRegex(@"^https?://[^\s,\[\]{}]*[^\s,\[\]{}:]$")]
    private static partial Regex PlainUrl();

    // Plain words YAML's core schema reads as booleans or null.
    [GeneratedRegex(@"^(true|True|TRUE|false|False|FALSE|null|Null|NULL)$")]
    private static partial Regex Typed();
}
