namespace DetectionKit.Engine.Diagnostics;

/// <summary>A place in a file the user wrote. Line and column are 1-based; 0 means unknown.</summary>
public sealed record SourceLocation(string Path, int Line = 0, int Column = 0)
{
    public SourceLocation WithPath(string path) => this with { Path = path };

    public override string ToString() =>
        Line <= 0 ? Path : Column <= 0 ? $"{Path}:{Line}" : $"{Path}:{Line}:{Column}";
}
