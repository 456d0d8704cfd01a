using DetectionKit.Engine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DetectionKit.Engine.Loading;

/// <summary>
/// Measures a YAML text from its parser's events, before any of it is built, against
/// <see cref="YamlLimits"/>: the values it holds once its aliases are expanded, and how deep its
/// lists and maps nest. The events come one at a time, so a hostile file costs no more than its
/// own length here: a "billion laughs" alias bomb is refused at the alias that takes it past the
/// limit, and thousands of nested brackets at the one past the depth limit (building them would
/// recurse once per level).
/// </summary>
internal static class YamlShape
{
    /// <summary>The first problem found, or null when the text is within the limits (or is not valid YAML, which loading reports).</summary>
    public static Diagnostic? Check(string path, string text, YamlLimits limits)
    {
        var parser = new Parser(new Scanner(new StringReader(text)));
        var anchors = new Dictionary<string, Measure>(StringComparer.Ordinal);
        var open = new List<Frame>();
        long total = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart:
                        anchors.Clear();
                        break;
                    case Scalar scalar:
                        if (++total > limits.MaxNodes)
                        {
                            return TooManyValues(path, scalar.Start, limits);
                        }

                        if (open.Count > 0)
                        {
                            open[^1].Nodes++;
                        }

                        Remember(anchors, scalar.Anchor, new Measure(1, 0));
                        break;
                    case SequenceStart or MappingStart:
                        var start = (NodeEvent)parser.Current;
                        open.Add(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                        if (open.Count > limits.MaxDepth)
                        {
                            return Diagnostic.Error(DiagnosticCodes.YamlTooLarge, At(path, start.Start), $"lists and maps are nested more than {limits.MaxDepth} deep here; a rule, pack, schedule or settings file needs far fewer levels");
                        }

                        if (++total > limits.MaxNodes)
                        {
                            return TooManyValues(path, start.Start, limits);
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        var frame = open[^1];
                        open.RemoveAt(open.Count - 1);
                        if (open.Count > 0)
                        {
                            open[^1].Nodes += frame.Nodes;
                            open[^1].Depth = Math.Max(open[^1].Depth, frame.Depth + 1);
                        }

                        if (frame.Anchor is { } name)
                        {
                            anchors[name] = new Measure(frame.Nodes, frame.Depth);
                        }

                        break;
                    case AnchorAlias alias:
                        if (Refused(path, alias, anchors, open, total, limits) is { } problem)
                        {
                            return problem;
                        }

                        var measure = anchors[alias.Value.Value];
                        total += measure.Nodes;
                        if (open.Count > 0)
                        {
                            open[^1].Nodes += measure.Nodes;
                            open[^1].Depth = Math.Max(open[^1].Depth, measure.Depth + 1);
                        }

                        break;
                }
            }
        }
        catch (YamlException)
        {
            // Not valid YAML: loading stops at the same place and says why. Everything before it was measured.
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Why an alias is refused: it names no anchor defined before it, its own container, or repeats too much.</summary>
    private static Diagnostic? Refused(string path, AnchorAlias alias, Dictionary<string, Measure> anchors, List<Frame> open, long total, YamlLimits limits)
    {
        var name = alias.Value.Value;
        var at = At(path, alias.Start);
        if (open.Any(frame => frame.Anchor == name))
        {
            return Diagnostic.Error(DiagnosticCodes.YamlAliasRefused, at, $"the alias '*{name}' refers to the list or map that holds it, which would repeat without end");
        }

        if (!anchors.TryGetValue(name, out var measure))
        {
            return Diagnostic.Error(DiagnosticCodes.YamlAliasRefused, at, $"the alias '*{name}' comes before any anchor '&{name}'; define the anchor first");
        }

        if (open.Count + measure.Depth > limits.MaxDepth)
        {
            return Diagnostic.Error(DiagnosticCodes.YamlAliasRefused, at, $"the alias '*{name}' nests lists and maps more than {limits.MaxDepth} deep; write the values out instead");
        }

        if (total + measure.Nodes > limits.MaxNodes)
        {
            return Diagnostic.Error(DiagnosticCodes.YamlAliasRefused, at, $"the alias '*{name}' takes the file past {limits.MaxNodes:N0} values once aliases are expanded (an alias bomb?); a rule, pack, schedule or settings file needs far fewer: write the values out, or repeat fewer aliases");
        }

        return null;
    }

    private static void Remember(Dictionary<string, Measure> anchors, AnchorName anchor, Measure measure)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = measure;
        }
    }

    private static Diagnostic TooManyValues(string path, Mark at, YamlLimits limits) =>
        Diagnostic.Error(DiagnosticCodes.YamlTooLarge, At(path, at), $"the file holds more than {limits.MaxNodes:N0} values; a rule, pack, schedule or settings file needs far fewer (is this the right file?)");

    private static SourceLocation At(string path, Mark mark) => new(path, (int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    /// <summary>What an anchored value expands to: its values, and how many lists and maps deep it nests.</summary>
    private readonly record struct Measure(long Nodes, int Depth);

    /// <summary>A list or map being read: its anchor, its values so far (itself included), and its nesting (itself included).</summary>
    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Nodes { get; set; } = 1;

        public int Depth { get; set; } = 1;
    }
}
