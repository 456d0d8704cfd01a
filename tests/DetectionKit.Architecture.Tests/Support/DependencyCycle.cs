namespace DetectionKit.Architecture.Tests.Support;

/// <summary>Namespaces that depend on each other in a ring: each edge leads to the next, the last back to the first.</summary>
internal sealed record DependencyCycle(IReadOnlyList<Dependency> Edges)
{
    public IEnumerable<string> Namespaces => Edges.Select(e => e.From);

    public override string ToString() =>
        string.Join(" -> ", Namespaces.Append(Edges[0].From)) + Environment.NewLine +
        string.Join(Environment.NewLine, Edges.Select(e => $"    {e.From} uses {e.To} at {e.Where}"));
}
