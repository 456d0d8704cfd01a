namespace DetectionKit.Architecture.Tests.Support;

/// <summary>A line in a source file, the path relative to the repository root.</summary>
internal sealed record CodeLocation(string Path, int Line)
{
    public override string ToString() => $"{Path}:{Line}";
}
