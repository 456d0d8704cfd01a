namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary>A search identifier named in a condition.</summary>
/// <param name="Name">The identifier.</param>
/// <param name="Offset">Where it starts in the condition text (0-based), for messages.</param>
public sealed record SigmaSearchRef(string Name, int Offset) : SigmaCondition
{
    public override string ToString() => Name;
}
