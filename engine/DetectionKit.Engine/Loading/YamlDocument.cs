using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DetectionKit.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// A YAML file read as JSON (for schema validation and binding) with the position of every value.
/// Plain scalars are typed by the YAML 1.2 core schema, so <c>123</c> is a number and <c>"123"</c> a string.
/// </summary>
public sealed partial class YamlDocument
{
    private YamlDocument(JsonNode? root, PositionMap positions)
    {
        Root = root;
        Positions = positions;
    }

    public JsonNode? Root { get; }

    public PositionMap Positions { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; null (with diagnostics naming <paramref name="path"/>) when it is
    /// not one valid YAML document within <paramref name="limits"/> (<see cref="YamlLimits.Default"/> when null).
    /// </summary>
    public static YamlDocument? Parse(string path, string text, ICollection<Diagnostic> diagnostics, YamlLimits? limits = null)
    {
        // Measured before it is built: building expands every alias and recurses once per nesting level.
        if (YamlShape.Check(path, text, limits ?? YamlLimits.Default) is { } problem)
        {
            diagnostics.Add(problem);
            return null;
        }

        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path, (int)ex.Start.Line, (int)ex.Start.Column), $"YAML syntax: {Tidy(message)}"));
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these, not a YamlException, for some unclosed flow collections
            // ("tests: [a" followed by "key: value") and for an event it cannot build a node from
            // (found by the fuzz pass); the scanner still knows where it stopped.
            var at = scanner.CurrentPosition;
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path, (int)at.Line, (int)at.Column), "YAML syntax: cannot read the text here; look for an unclosed '[', '{' or quote above it"));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path, 1, 1), stream.Documents.Count == 0 ? "the file is empty" : "a rule file holds one YAML document, not several"));
            return null;
        }

        var positions = new PositionMap(path);
        var root = Convert(stream.Documents[0].RootNode, string.Empty, positions, path, diagnostics);
        return new YamlDocument(root, positions);
    }

    private static JsonNode? Convert(YamlNode node, string pointer, PositionMap positions, string path, ICollection<Diagnostic> diagnostics)
    {
        positions.Add(pointer, (int)node.Start.Line, (int)node.Start.Column);
        positions.AddValue(pointer, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        diagnostics.Add(Diagnostic.Error(DiagnosticCodes.YamlSyntax, new SourceLocation(path, (int)keyNode.Start.Line, (int)keyNode.Start.Column), "mapping keys must be plain text"));
                        continue;
                    }

                    var childPointer = pointer + "/" + PositionMap.Escape(key);
                    obj[key] = Convert(valueNode, childPointer, positions, path, diagnostics);

                    // A key's own position reads better in messages than its value's.
                    positions.Add(childPointer, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, $"{pointer}/{index++}", positions, path, diagnostics));
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag == "tag:yaml.org,2002:str" || scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) && tag is null)
        {
            return JsonValue.Create(value);
        }

        if (value.Length == 0 || value is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }

            if (decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                return JsonValue.Create(big);
            }
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    private static string Tidy(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return (cut > 0 && message.StartsWith('(') ? message[(cut + 3)..] : message).Trim();
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
