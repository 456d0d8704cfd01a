namespace DetectionKit.Tooling.Importing.Sigma;

/// <summary><c>not a</c>.</summary>
public sealed record SigmaNot(SigmaCondition Operand) : SigmaCondition
{
    public override string ToString() => $"not {Operand}";
}
