using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Cli.Reporting;

/// <summary>The benchmark table for a terminal: aligned columns, a rule between phases, notes below.</summary>
internal sealed class TextBenchRenderer : IBenchRenderer
{
    public void Render(BenchReport report, TextWriter output)
    {
        var rows = report.Rows.Select(BenchTable.Cells).ToList();
        var widths = BenchTable.Header.Select((h, column) => rows.Select(r => r[column].Length).Prepend(h.Length).Max()).ToArray();
        output.WriteLine(BenchTable.Title(report));
        output.WriteLine();
        output.WriteLine(Line(BenchTable.Header, widths));
        var divider = string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd();
        BenchPhase? phase = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (report.Rows[i].Phase != phase)
            {
                output.WriteLine(divider);
                phase = report.Rows[i].Phase;
            }

            output.WriteLine(Line(rows[i], widths));
        }

        output.WriteLine();
        foreach (var note in BenchTable.Footnotes(report))
        {
            output.WriteLine(note);
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => BenchTable.IsNumeric(column) ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]))).TrimEnd();
}
