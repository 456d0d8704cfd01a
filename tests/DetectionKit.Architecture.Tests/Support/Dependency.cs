namespace DetectionKit.Architecture.Tests.Support;

/// <summary>One namespace using another, with the first place it does.</summary>
internal sealed record Dependency(string From, string To, CodeLocation Where)
{
    public override string ToString() => $"{From} -> {To} ({Where})";
}
