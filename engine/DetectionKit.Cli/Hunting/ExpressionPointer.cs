using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Cli.Hunting;

/// <summary>
/// Under a problem at a column of an option's expression, that line of the option with a caret under
/// the column, as a compiler shows a line of a file: the option's text is all the user has to look at.
/// </summary>
internal static class ExpressionPointer
{
    /// <param name="problem">The problem; nothing is added unless it is at a line of one of <paramref name="options"/>.</param>
    /// <param name="options">The text of each option, by name (<c>--where</c>, ...).</param>
    public static IEnumerable<string> Lines(Diagnostic problem, IReadOnlyDictionary<string, string> options)
    {
        if (problem.Location.Line <= 0 || !options.TryGetValue(problem.Location.Path, out var text))
        {
            yield break;
        }

        var lines = text.Split('\n');
        if (problem.Location.Line > lines.Length)
        {
            yield break;
        }

        var line = lines[problem.Location.Line - 1].TrimEnd('\r');
        var column = Math.Clamp(problem.Location.Column, 1, line.Length + 1);

        // A tab before the column stays a tab under it, so the caret lines up however tabs are shown.
        var indent = new string(line.Take(column - 1).Select(c => c == '\t' ? '\t' : ' ').ToArray());
        yield return "  " + line;
        yield return "  " + indent + "^";
    }
}
