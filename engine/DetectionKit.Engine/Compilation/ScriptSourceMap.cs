using System.Collections.Concurrent;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Compilation;

/// <summary>
/// Maps a position in the instrumented code (what stack frames report) back to the script as its
/// author wrote it. Instrumentation never adds or removes a line, but it does insert text into lines
/// (and drops an expression body's <c>=&gt;</c>), which moves columns: each line's columns are aligned
/// with the original line by their longest common subsequence, computed once per line when needed.
/// It is plain data (no compiler objects), so compiled rules can be cached and run without the compiler.
/// </summary>
internal sealed class ScriptSourceMap
{
    private readonly string path;
    private readonly string[] original;
    private readonly IReadOnlyDictionary<int, string> instrumentedLines;
    private readonly ConcurrentDictionary<int, int[]> columns = new();

    /// <param name="path">Full path of the script.</param>
    /// <param name="originalText">The script as its author wrote it.</param>
    /// <param name="instrumentedLines">By script line (1-based), the text of the instrumented line that stands for it.</param>
    public ScriptSourceMap(string path, string originalText, IReadOnlyDictionary<int, string> instrumentedLines)
    {
        this.path = path;
        OriginalText = originalText;
        original = originalText.Split('\n');
        this.instrumentedLines = instrumentedLines;
    }

    public string Path => path;

    public string OriginalText { get; }

    public IReadOnlyDictionary<int, string> InstrumentedLines => instrumentedLines;

    /// <summary>The author's line and column for a line and column (1-based) of the instrumented script.</summary>
    public SourceLocation Map(int line, int column)
    {
        if (line < 1 || line > original.Length || column < 1 || !instrumentedLines.TryGetValue(line, out var instrumented))
        {
            return new SourceLocation(path, line, column);
        }

        var map = columns.GetOrAdd(line, l => Align(instrumented, original[l - 1].TrimEnd('\r')));
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
