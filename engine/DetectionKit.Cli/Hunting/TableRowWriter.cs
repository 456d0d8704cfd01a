using System.Text;
using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Cli.Hunting;

/// <summary>
/// Aligned columns under a header of the expressions' text. Rows stream out as they are found, so the
/// widths are set by the first <see cref="SizingRows"/> rows (and the headers), each at most
/// <see cref="MaxWidth"/> characters; a longer value is cut with an ellipsis, and line breaks and
/// other control characters are shown as spaces so that a row stays one line.
/// </summary>
internal sealed class TableRowWriter(TextWriter output, IReadOnlyList<string> headers) : IRowWriter
{
    public const int SizingRows = 100;
    public const int MaxWidth = 60;
    private const string Gap = "  ";

    private readonly List<string[]> held = [];
    private int[]? widths;

    public void Write(IReadOnlyList<JsonNode?> values, CloudTrailEvent? record)
    {
        var cells = values.Select(v => OneLine(CellText.Of(v))).ToArray();
        if (widths is not null)
        {
            WriteRow(cells);
            return;
        }

        held.Add(cells);
        if (held.Count >= SizingRows)
        {
            Flush();
        }
    }

    public void Finish()
    {
        Flush();
        output.Flush();
    }

    private void Flush()
    {
        if (widths is not null)
        {
            return;
        }

        widths = headers.Select((h, i) => Math.Min(MaxWidth, Math.Max(OneLine(h).Length, held.Select(r => r[i].Length).DefaultIfEmpty(0).Max()))).ToArray();
        WriteRow(headers.Select(OneLine).ToArray());
        WriteRow(widths.Select(w => new string('-', w)).ToArray());
        held.ForEach(WriteRow);
        held.Clear();
    }

    private void WriteRow(string[] cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = Fit(cells[i], widths![i]);
            line.Append(cell);
            if (i < cells.Length - 1)
            {
                line.Append(' ', widths[i] - cell.Length).Append(Gap);
            }
        }

        output.Write(line.ToString().TrimEnd());
        output.Write('\n');
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";

    private static string OneLine(string text) =>
        text.Any(char.IsControl) ? new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()) : text;
}
