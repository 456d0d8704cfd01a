namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary><c>a or b</c>: some operand holds.</summary>
public sealed record SigmaOr(IReadOnlyList<SigmaCondition> Operands) : SigmaCondition
{
    public override string ToString() => $"({string.Join(" or ", Operands)})";
}
