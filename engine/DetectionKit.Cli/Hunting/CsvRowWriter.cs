using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Cli.Hunting;

/// <summary>CSV as RFC 4180 writes it: a header of the expressions' text, CRLF line ends, a field quoted when it holds a quote, a comma or a line break.</summary>
internal sealed class CsvRowWriter : IRowWriter
{
    private readonly TextWriter output;

    public CsvRowWriter(TextWriter output, IReadOnlyList<string> headers)
    {
        this.output = output;
        WriteLine(headers);
    }

    public void Write(IReadOnlyList<JsonNode?> values, CloudTrailEvent? record) => WriteLine(values.Select(CellText.Of));

    public void Finish() => output.Flush();

    private void WriteLine(IEnumerable<string> fields) => output.Write(string.Join(',', fields.Select(Quote)) + "\r\n");

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny("\",\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
