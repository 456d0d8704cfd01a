using System.Collections.Frozen;

namespace DetectionKit.Scripting;

/// <summary>
/// One test of a statement's <c>Condition</c> block, an operator and a key:
/// <c>{"StringEquals": {"aws:SourceVpce": ["vpce-1a2b"]}}</c> is one condition. Record equality
/// compares the <c>Values</c> lists by reference: compare two conditions' values with <c>SequenceEqual</c>.
/// </summary>
/// <param name="Operator">The condition operator as written: <c>StringEquals</c>, <c>ForAnyValue:StringLike</c>, <c>IpAddressIfExists</c>.</param>
/// <param name="Key">The condition key as written: <c>aws:SourceIp</c>.</param>
/// <param name="Values">The key's value or values as text (numbers and booleans as their JSON text).</param>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Condition keys that, given fixed values, pin who can use a statement to a network, a source, an
    /// account, an organisation or a principal: the keys S3 Block Public Access accepts as making a
    /// policy non-public, and KMS's <c>kms:CallerAccount</c>. Compared ignoring case, as IAM does.
    /// </summary>
    /// <remarks>
    /// <c>aws:SourceIp</c>, <c>aws:SourceVpc</c>, <c>aws:SourceVpce</c>, <c>aws:SourceArn</c>,
    /// <c>aws:SourceOwner</c>, <c>aws:SourceAccount</c>, <c>aws:SourceOrgID</c>, <c>aws:SourceOrgPaths</c>,
    /// <c>aws:PrincipalOrgID</c>, <c>aws:PrincipalOrgPaths</c>, <c>aws:PrincipalAccount</c>,
    /// <c>aws:PrincipalArn</c>, <c>aws:PrincipalServiceName</c>, <c>aws:userid</c>, <c>aws:VpceAccount</c>,
    /// <c>aws:VpceOrgID</c>, <c>aws:VpceOrgPaths</c>, <c>s3:DataAccessPointArn</c>,
    /// <c>s3:DataAccessPointAccount</c>, <c>s3:x-amz-server-side-encryption-aws-kms-key-id</c>,
    /// <c>kms:CallerAccount</c>.
    /// </remarks>
    public static IReadOnlySet<string> RestrictingKeys { get; } = new[]
    {
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceArn", "aws:SourceOwner", "aws:SourceAccount",
        "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount",
        "aws:PrincipalArn", "aws:PrincipalServiceName", "aws:userid", "aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths",
        "s3:DataAccessPointArn", "s3:DataAccessPointAccount", "s3:x-amz-server-side-encryption-aws-kms-key-id",
        "kms:CallerAccount",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase); // frozen: every rule shares it, so no script may change it

    /// <summary>
    /// True when this condition narrows who can use the statement: a positive operator (<c>StringEquals</c>,
    /// <c>ArnLike</c>, <c>IpAddress</c>, <c>ForAnyValue:...</c>) on a <see cref="RestrictingKeys">restricting key</see>
    /// with no value that is only wildcards (<c>*</c>, <c>?</c>) and no all-addresses range (<c>0.0.0.0/0</c>,
    /// <c>::/0</c>). Negated operators (any with <c>Not</c> in the name), <c>...IfExists</c> and
    /// <c>ForAllValues:...</c> (both true when the key is absent) and <c>Null</c> do not narrow it.
    /// Operators are compared case-sensitively, keys ignoring case.
    /// </summary>
    public bool Restricts =>
        RestrictingKeys.Contains(Key)
        && !Operator.Contains("Not", StringComparison.Ordinal)
        && !Operator.EndsWith("IfExists", StringComparison.Ordinal)
        && !Operator.StartsWith("ForAllValues:", StringComparison.Ordinal)
        && Operator != "Null"
        && !Values.Any(IsWildcard);

    private static bool IsWildcard(string value) =>
        value is "0.0.0.0/0" or "::/0" || (value.Length > 0 && value.All(c => c is '*' or '?'));
}
