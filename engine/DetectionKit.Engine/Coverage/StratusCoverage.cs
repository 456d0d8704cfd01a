namespace DetectionKit.Engine.Coverage;

/// <summary>The Stratus Red Team captures found and what caught each.</summary>
public sealed record StratusCoverage(string Directory, IReadOnlyList<StratusTechnique> Techniques)
{
    public int Caught => Techniques.Count(t => t.Caught);
}
