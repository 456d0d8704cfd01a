namespace DetectionKit.Tooling.Coverage;

/// <summary>An ATT&amp;CK technique or sub-technique (<c>T1562</c>, <c>T1562.008</c>) and the tactics it serves.</summary>
public sealed record AttackTechnique(string Id, string Name, IReadOnlyList<AttackTactic> Tactics)
{
    public bool IsSubTechnique => Id.Contains('.', StringComparison.Ordinal);

    /// <summary>The technique a sub-technique belongs to (its own id for a technique).</summary>
    public string ParentId => IsSubTechnique ? Id[..Id.IndexOf('.', StringComparison.Ordinal)] : Id;
}
