using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>
/// The <c>userIdentity</c> block of a CloudTrail record: who made the call
/// (<see cref="CloudTrailEvent.UserIdentity"/>). Each value is null when the block lacks it, or when
/// the record has no <c>userIdentity</c> object at all; the flags are then false.
/// </summary>
public sealed class UserIdentity
{
    private readonly JsonElement element;
    // Mutable on purpose: FieldCache is a struct that fills itself in.
    private FieldCache fields;

    internal UserIdentity(JsonElement element) => this.element = element;

    /// <summary><c>type</c>: <c>Root</c>, <c>IAMUser</c>, <c>AssumedRole</c>, <c>FederatedUser</c>, <c>AWSService</c>, <c>AWSAccount</c>, <c>IdentityCenterUser</c>, ...</summary>
    public string? Type => fields.Get(0, element, "type");

    /// <summary>
    /// <c>arn</c>, the caller's ARN: <c>arn:aws:iam::111122223333:user/alice</c>, or for an assumed role the
    /// session, <c>arn:aws:sts::111122223333:assumed-role/Admin/jane</c>. <see cref="Scripting.Arn.Parse"/> splits it.
    /// </summary>
    public string? Arn => fields.Get(1, element, "arn");

    /// <summary><c>accountId</c>, the account the caller belongs to; compare it with <see cref="CloudTrailEvent.RecipientAccountId"/> (<see cref="CloudTrailEvent.IsCrossAccount"/>).</summary>
    public string? AccountId => fields.Get(2, element, "accountId");

    /// <summary><c>principalId</c>: the user's unique id (<c>AIDA...</c>), or <c>AROA...:session</c> for an assumed role.</summary>
    public string? PrincipalId => fields.Get(3, element, "principalId");

    /// <summary><c>userName</c>: the IAM user's name for an <c>IAMUser</c>; an assumed role's name is in <see cref="SessionIssuerUserName"/> instead.</summary>
    public string? UserName => fields.Get(4, element, "userName");

    /// <summary>
    /// <c>invokedBy</c> as written: the AWS service that made the call on the principal's behalf, e.g.
    /// <c>cloudformation.amazonaws.com</c>, or the service itself for an <c>AWSService</c> identity.
    /// <see cref="CloudTrailEvent.InvokedByService"/> tells the two apart.
    /// </summary>
    public string? InvokedBy => fields.Get(5, element, "invokedBy");

    /// <summary><c>accessKeyId</c>: <c>AKIA...</c> for a long-term access key, <c>ASIA...</c> for temporary credentials.</summary>
    public string? AccessKeyId => fields.Get(6, element, "accessKeyId");

    /// <summary>
    /// <c>sessionContext.sessionIssuer.arn</c>: for a session (an assumed role, a federated user), the ARN of
    /// the role or user that issued it, with its path: <c>arn:aws:iam::111122223333:role/ops/Admin</c>.
    /// </summary>
    public string? SessionIssuerArn => fields.Get(7, element, "sessionContext.sessionIssuer.arn");

    /// <summary><c>sessionContext.sessionIssuer.userName</c>: the issuing role's (or user's) name, without its path: <c>Admin</c>.</summary>
    public string? SessionIssuerUserName => fields.Get(8, element, "sessionContext.sessionIssuer.userName");

    /// <summary>
    /// A session of a service-linked role: the issuer is a role under the path <c>/aws-service-role/</c>,
    /// which only its AWS service can assume (<c>role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO</c>).
    /// </summary>
    public bool IsServiceLinkedRoleSession => Type == "AssumedRole" && IsServiceLinkedRole(SessionIssuerArn);

    /// <summary>
    /// The session was authenticated with MFA: <c>sessionContext.attributes.mfaAuthenticated</c> is
    /// <c>true</c> (in any case). False when absent; see <see cref="CloudTrailEvent.MfaUsed"/> for console sign-ins.
    /// </summary>
    public bool MfaAuthenticated =>
        string.Equals(Get("sessionContext.attributes.mfaAuthenticated"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A value inside <c>userIdentity</c> at a dotted path, as text as <see cref="CloudTrailEvent.Get"/> gives
    /// it: <c>Get("sessionContext.attributes.creationDate")</c>; null when absent.
    /// </summary>
    /// <param name="path">A dotted path relative to <c>userIdentity</c>.</param>
    public string? Get(string path) =>
        element.ValueKind == JsonValueKind.Object ? JsonPath.AsText(JsonPath.Find(element, path)) : null;

    /// <summary>
    /// An ARN whose resource type is <c>role</c> and whose resource id starts <c>aws-service-role/</c>, as
    /// <see cref="global::DetectionKit.Scripting.Arn"/> reads it, without building one: it is asked of nearly every event.
    /// </summary>
    private static bool IsServiceLinkedRole(string? arn)
    {
        if (arn is null || !arn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return false;
        }

        var text = arn.AsSpan();
        Span<Range> parts = stackalloc Range[6];
        if (text.Split(parts, ':') != 6 || text[parts[1]].IsEmpty || text[parts[2]].IsEmpty || text[parts[2]].SequenceEqual("s3"))
        {
            return false;
        }

        var resource = text[parts[5]];
        return resource.Length > 5
            && resource.StartsWith("role")
            && resource[4] is '/' or ':'
            && resource[5..].StartsWith("aws-service-role/", StringComparison.Ordinal);
    }
}
