using System.Text.Json.Nodes;
using DetectionKit.Scripting;

namespace DetectionKit.Cli.Hunting;

/// <summary>Writes a hunt's rows as they are found, in one output format.</summary>
internal interface IRowWriter
{
    /// <summary>One row: the values of the columns, and the record they come from (null for a count table).</summary>
    void Write(IReadOnlyList<JsonNode?> values, CloudTrailEvent? record);

    /// <summary>Writes what is still held (a table's first rows, while its widths are being found).</summary>
    void Finish();
}
