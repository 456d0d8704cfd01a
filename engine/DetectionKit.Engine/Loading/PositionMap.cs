using DetectionKit.Engine.Diagnostics;

namespace DetectionKit.Engine.Loading;

/// <summary>Where each value of a YAML document was written, keyed by JSON Pointer (<c>/tests/0/name</c>).</summary>
public sealed class PositionMap
{
    private readonly Dictionary<string, SourceLocation> locations = new(StringComparer.Ordinal);

    public PositionMap(string path) => Path = path;

    public string Path { get; }

    internal void Add(string pointer, int line, int column) =>
        locations[pointer] = new SourceLocation(Path, line, column);

    /// <summary>The location of the pointer, or of its nearest ancestor that has one.</summary>
    public SourceLocation Find(string pointer)
    {
        while (true)
        {
            if (locations.TryGetValue(pointer, out var location))
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

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
