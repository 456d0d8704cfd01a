namespace DetectionKit.Engine.Diagnostics;

/// <summary>
/// A place in a file the user wrote. Line and column are 1-based; 0 means unknown. Without a line the
/// location is the file (or folder, object, job or output) as a whole.
/// </summary>
public sealed record SourceLocation(string Path, int Line = 0, int Column = 0)
{
    public SourceLocation WithPath(string path) => this with { Path = path };

    /// <summary>
    /// <c>path:line:col</c>, or <c>path</c> alone for the file as a whole. A line is never printed without
    /// its column, so every tool that reads compiler output finds the place: an unknown column is 1.
    /// </summary>
    public override string ToString() =>
        Line <= 0 ? Path : $"{Path}:{Line}:{Math.Max(Column, 1)}";
}
