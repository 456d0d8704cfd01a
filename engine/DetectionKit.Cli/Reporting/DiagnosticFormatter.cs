using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Cli.Reporting;

/// <summary>Renders diagnostics with paths relative to the working directory.</summary>
internal sealed class DiagnosticFormatter(DiagnosticStyle style)
{
    public string Format(Diagnostic diagnostic)
    {
        var location = diagnostic.Location with { Path = Relative(diagnostic.Location.Path) };
        if (style == DiagnosticStyle.Text)
        {
            return (diagnostic with { Location = location }).ToString();
        }

        var properties = new List<string> { $"file={Escape(location.Path, property: true)}" };
        // As in the text form: a line always with its column (1 when unknown), or neither for the file as a whole.
        if (location.Line > 0)
        {
            properties.Add($"line={location.Line}");
            properties.Add($"col={Math.Max(location.Column, 1)}");
        }

        properties.Add($"title={diagnostic.Code}");
        var level = diagnostic.IsError ? "error" : "warning";
        return $"::{level} {string.Join(',', properties)}::{Escape($"{diagnostic.Code}: {diagnostic.Message}", property: false)}";
    }

    public static string Relative(string path) =>
        Path.IsPathRooted(path) ? Path.GetRelativePath(Environment.CurrentDirectory, path) : path;

    /// <summary>GitHub's workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','.</summary>
    private static string Escape(string value, bool property)
    {
        var escaped = value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        return property ? escaped.Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal) : escaped;
    }
}
