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

    internal UserIdentity(JsonElement element) => this.element = element;

    /// <summary><c>type</c>: <c>Root</c>, <c>IAMUser</c>, <c>AssumedRole</c>, <c>FederatedUser</c>, <c>AWSService</c>, <c>AWSAccount</c>, <c>IdentityCenterUser</c>, ...</summary>
    public string? Type => Get("type");

    /// <summary>
    /// <c>arn</c>, the caller's ARN: <c>arn:aws:iam::111122223333:user/alice</c>, or for an assumed role the
    /// session, <c>arn:aws:sts::111122223333:assumed-role/Admin/jane</c>. <see cref="Scripting.Arn.Parse"/> splits it.
    /// </summary>
    public string? Arn => Get("arn");

    /// <summary><c>accountId</c>, the account the caller belongs to; compare it with <see cref="CloudTrailEvent.RecipientAccountId"/> (<see cref="CloudTrailEvent.IsCrossAccount"/>).</summary>
    public string? AccountId => Get("accountId");

    /// <summary><c>principalId</c>: the user's unique id (<c>AIDA...</c>), or <c>AROA...:session</c> for an assumed role.</summary>
    public string? PrincipalId => Get("principalId");

    /// <summary><c>userName</c>: the IAM user's name for an <c>IAMUser</c>; an assumed role's name is in <see cref="SessionIssuerUserName"/> instead.</summary>
    public string? UserName => Get("userName");

    /// <summary>
    /// <c>invokedBy</c> as written: the AWS service that made the call on the principal's behalf, e.g.
    /// <c>cloudformation.amazonaws.com</c>, or the service itself for an <c>AWSService</c> identity.
    /// <see cref="CloudTrailEvent.InvokedByService"/> tells the two apart.
    /// </summary>
    public string? InvokedBy => Get("invokedBy");

    /// <summary><c>accessKeyId</c>: <c>AKIA...</c> for a long-term access key, <c>ASIA...</c> for temporary credentials.</summary>
    public string? AccessKeyId => Get("accessKeyId");

    /// <summary>
    /// <c>sessionContext.sessionIssuer.arn</c>: for a session (an assumed role, a federated user), the ARN of
    /// the role or user that issued it, with its path: <c>arn:aws:iam::111122223333:role/ops/Admin</c>.
    /// </summary>
    public string? SessionIssuerArn => Get("sessionContext.sessionIssuer.arn");

    /// <summary><c>sessionContext.sessionIssuer.userName</c>: the issuing role's (or user's) name, without its path: <c>Admin</c>.</summary>
    public string? SessionIssuerUserName => Get("sessionContext.sessionIssuer.userName");

    /// <summary>
    /// A session of a service-linked role: the issuer is a role under the path <c>/aws-service-role/</c>,
    /// which only its AWS service can assume (<c>role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO</c>).
    /// </summary>
    public bool IsServiceLinkedRoleSession =>
        Type == "AssumedRole"
        && global::DetectionKit.Scripting.Arn.Parse(SessionIssuerArn) is { ResourceType: "role" } issuer
        && issuer.ResourceId.StartsWith("aws-service-role/", StringComparison.Ordinal);

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
}
