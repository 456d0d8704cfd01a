namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary><c>a and b</c>: every operand holds.</summary>
public sealed record SigmaAnd(IReadOnlyList<SigmaCondition> Operands) : SigmaCondition
{
    public override string ToString() => $"({string.Join(" and ", Operands)})";
}
