namespace DetectionKit.Engine.Diagnostics;

/// <summary>
/// Where each value of a YAML document was written, keyed by JSON Pointer (<c>/tests/0/name</c>): the
/// key of a mapping entry (what messages about the entry point at) and the value itself.
/// </summary>
public sealed class PositionMap
{
    private readonly Dictionary<string, SourceLocation> locations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> values = new(StringComparer.Ordinal);

    public PositionMap(string path) => Path = path;

    public string Path { get; }

    internal void Add(string pointer, int line, int column) =>
        locations[pointer] = new SourceLocation(Path, line, column);

    internal void AddValue(string pointer, int line, int column) =>
        values[pointer] = new SourceLocation(Path, line, column);

    /// <summary>The location of the pointer (for a mapping entry, its key), or of its nearest ancestor that has one.</summary>
    public SourceLocation Find(string pointer) => Find(locations, pointer);

    /// <summary>
    /// Where the value at the pointer starts, or the value of its nearest ancestor: so <c>/match/eventName/0</c>
    /// is the first list item, or the whole value when <c>eventName</c> was written as a single string.
    /// </summary>
    public SourceLocation FindValue(string pointer) => Find(values, pointer);

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private SourceLocation Find(Dictionary<string, SourceLocation> map, string pointer)
    {
        while (true)
        {
            if (map.TryGetValue(pointer, out var location))
            {
                return location;
            }

            if (pointer.Length == 0)
            {
                return new SourceLocation(Path, 1, 1);
            }

            pointer = pointer[..pointer.LastIndexOf('/')];
        }
    }
}
