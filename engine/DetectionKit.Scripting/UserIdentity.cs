using System.Text.Json;

namespace DetectionKit.Scripting;

/// <summary>The <c>userIdentity</c> block of a CloudTrail record: who made the call.</summary>
public sealed class UserIdentity
{
    private readonly JsonElement element;

    internal UserIdentity(JsonElement element) => this.element = element;

    /// <summary><c>Root</c>, <c>IAMUser</c>, <c>AssumedRole</c>, <c>FederatedUser</c>, <c>AWSService</c>, <c>AWSAccount</c>, <c>IdentityCenterUser</c>, ...</summary>
    public string? Type => Get("type");

    public string? Arn => Get("arn");

    public string? AccountId => Get("accountId");

    public string? PrincipalId => Get("principalId");

    public string? UserName => Get("userName");

    /// <summary>The AWS service that made the call on the principal's behalf, e.g. <c>cloudformation.amazonaws.com</c>.</summary>
    public string? InvokedBy => Get("invokedBy");

    public string? AccessKeyId => Get("accessKeyId");

    /// <summary>For assumed roles: the role (or user) that issued the session.</summary>
    public string? SessionIssuerArn => Get("sessionContext.sessionIssuer.arn");

    public string? SessionIssuerUserName => Get("sessionContext.sessionIssuer.userName");

    /// <summary>
    /// A session of a service-linked role: the issuer is a role under the path <c>/aws-service-role/</c>,
    /// which only its AWS service can assume (<c>role/aws-service-role/sso.amazonaws.com/AWSServiceRoleForSSO</c>).
    /// </summary>
    public bool IsServiceLinkedRoleSession =>
        Type == "AssumedRole"
        && global::DetectionKit.Scripting.Arn.Parse(SessionIssuerArn) is { ResourceType: "role" } issuer
        && issuer.ResourceId.StartsWith("aws-service-role/", StringComparison.Ordinal);

    /// <summary>True when the session was authenticated with MFA.</summary>
    public bool MfaAuthenticated =>
        string.Equals(Get("sessionContext.attributes.mfaAuthenticated"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A value inside <c>userIdentity</c> at a dotted path.</summary>
    public string? Get(string path) =>
        element.ValueKind == JsonValueKind.Object ? JsonPath.AsText(JsonPath.Find(element, path)) : null;
}
