using System.Collections.Concurrent;
using DetectionKit.Engine.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Maps a position in the instrumented code (what stack frames report) back to the script as its
/// author wrote it. Instrumentation never adds or removes a line, but it does insert text into lines
/// (and drops an expression body's <c>=&gt;</c>), which moves columns: each line's columns are aligned
/// with the original line by their longest common subsequence, computed once per line when needed.
/// </summary>
internal sealed class ScriptSourceMap
{
    private readonly string path;
    private readonly string[] original;
    private readonly SourceText instrumented;
    private readonly Dictionary<int, int> physicalLines = [];
    private readonly ConcurrentDictionary<int, int[]> columns = new();

    public ScriptSourceMap(string path, string originalText, SyntaxTree tree)
    {
        var instrumentedText = tree.GetText();
        this.path = path;
        original = originalText.Split('\n');
        instrumented = instrumentedText;
        // Script line -> line of the generated text, through its #line directives (the last mapping wins:
        // a hoisted using is mapped once before the body, the body's own line after it).
        foreach (var line in instrumented.Lines)
        {
            var mapped = tree.GetMappedLineSpan(new TextSpan(line.Start, 0));
            if (mapped.HasMappedPath && mapped.Path == path && !line.ToString().StartsWith("#line", StringComparison.Ordinal))
            {
                physicalLines[mapped.StartLinePosition.Line + 1] = line.LineNumber;
            }
        }
    }

    public string Path => path;

    /// <summary>The author's line and column for a line and column (1-based) of the instrumented script.</summary>
    public SourceLocation Map(int line, int column)
    {
        if (line < 1 || line > original.Length || column < 1 || !physicalLines.TryGetValue(line, out var physical))
        {
            return new SourceLocation(path, line, column);
        }

        var map = columns.GetOrAdd(line, l => Align(instrumented.Lines[physical].ToString(), original[l - 1].TrimEnd('\r')));
        return new SourceLocation(path, line, column - 1 < map.Length ? map[column - 1] + 1 : original[line - 1].Length + 1);
    }

    /// <summary>For each column of <paramref name="changed"/>, the column of <paramref name="source"/> it stands for.</summary>
    private static int[] Align(string changed, string source)
    {
        var lengths = new int[changed.Length + 1, source.Length + 1];
        for (var i = changed.Length - 1; i >= 0; i--)
        {
            for (var j = source.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = changed[i] == source[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        // Inserted text stands for the original character that follows it: a step injected at the top of
        // a loop body is reported where the body's first statement is.
        var map = new int[changed.Length];
        int x = 0, y = 0;
        while (x < changed.Length)
        {
            if (y < source.Length && changed[x] == source[y] && lengths[x, y] == lengths[x + 1, y + 1] + 1)
            {
                map[x++] = y++;
            }
            else if (y < source.Length && lengths[x, y + 1] > lengths[x + 1, y])
            {
                y++;
            }
            else
            {
                map[x++] = Math.Min(y, Math.Max(source.Length - 1, 0));
            }
        }

        return map;
    }
}
