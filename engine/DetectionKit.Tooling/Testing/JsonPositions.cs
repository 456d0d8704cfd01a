using System.Text;
using System.Text.Json;
using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Tooling.Testing;

/// <summary>
/// Where each member and value of a JSON file starts, by JSON Pointer (<c>/cases/stop logging</c>),
/// so a problem with one entry of a snapshot can be reported at its line and column.
/// </summary>
internal sealed class JsonPositions
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly Dictionary<string, SourceLocation> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> values = new(StringComparer.Ordinal);
    private readonly string path;

    private JsonPositions(string path) => this.path = path;

    /// <summary>Reads the file; a file that is not JSON gives the positions found before the problem.</summary>
    public static JsonPositions Read(string path)
    {
        var positions = new JsonPositions(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return positions;
        }

        try
        {
            positions.Index(bytes);
        }
        catch (JsonException)
        {
            // Whoever reads the file for its content reports what is wrong with it.
        }

        return positions;
    }

    /// <summary>A member's name, or failing that where its value or its nearest ancestor starts.</summary>
    public SourceLocation KeyOf(string pointer) => keys.GetValueOrDefault(pointer) ?? ValueOf(pointer);

    /// <summary>Where the value starts, or its nearest ancestor, or the start of the file.</summary>
    public SourceLocation ValueOf(string pointer)
    {
        while (true)
        {
            if (values.TryGetValue(pointer, out var location) || keys.TryGetValue(pointer, out location))
            {
                return location;
            }

            if (pointer.Length == 0)
            {
                return new SourceLocation(path, 1, 1);
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }

    private void Index(byte[] bytes)
    {
        var start = bytes.AsSpan().StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0;
        var lineStarts = new List<int> { start };
        for (var i = start; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        SourceLocation At(long offset)
        {
            var absolute = (int)offset + start;
            var line = lineStarts.BinarySearch(absolute);
            line = line >= 0 ? line : ~line - 1;
            return new SourceLocation(path, line + 1, Encoding.UTF8.GetCharCount(bytes, lineStarts[line], absolute - lineStarts[line]) + 1);
        }

        var reader = new Utf8JsonReader(bytes.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var containers = new Stack<Container>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var member = containers.Peek();
                    member.Pending = $"{member.Pointer}/{PositionMap.Escape(reader.GetString()!)}";
                    keys[member.Pending] = At(reader.TokenStartIndex);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    break;
                default:
                    var pointer = containers.Count == 0 ? string.Empty : containers.Peek().Next();
                    values[pointer] = At(reader.TokenStartIndex);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        containers.Push(new Container(pointer, reader.TokenType == JsonTokenType.StartArray));
                    }

                    break;
            }
        }
    }

    private sealed class Container(string pointer, bool isArray)
    {
        private int index;

        public string Pointer { get; } = pointer;

        /// <summary>The member whose name was read last.</summary>
        public string Pending { get; set; } = pointer;

        public string Next() => isArray ? $"{Pointer}/{index++}" : Pending;
    }
}
