using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Reporting;

/// <summary>The benchmark table as markdown, for <c>bench --out</c> and the results file.</summary>
internal sealed class MarkdownBenchRenderer : IBenchRenderer
{
    public void Render(BenchReport report, TextWriter output)
    {
        output.WriteLine(BenchTable.Title(report));
        output.WriteLine();
        output.WriteLine(Line(BenchTable.Header));
        output.WriteLine(Line(BenchTable.Header.Select((_, column) => BenchTable.IsNumeric(column) ? "---:" : "---").ToList()));
        foreach (var row in report.Rows)
        {
            output.WriteLine(Line(BenchTable.Cells(row)));
        }

        output.WriteLine();
        foreach (var note in BenchTable.Footnotes(report))
        {
            output.WriteLine($"- {note.Replace("|", "\\|", StringComparison.Ordinal)}");
        }
    }

    private static string Line(IReadOnlyList<string> cells) =>
        "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
