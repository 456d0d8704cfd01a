// The error codes of a call refused for want of permission (an IAM or resource policy, an SCP, a
// permissions boundary): AccessDenied and AccessDeniedException (most services), UnauthorizedOperation
// and Client.UnauthorizedOperation (EC2), UnauthorizedAccess variants, and ForbiddenException, which
// App Mesh, MediaConnect and other REST services return for the same refusal. What the CIS control for
// unauthorized API calls matches ("*UnauthorizedOperation", "AccessDenied*") is included. Failed
// authentication (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken) is not a denial: the
// caller never got as far as a permission check.
static readonly Regex AccessDeniedCode = new(@"UnauthorizedOperation$|^AccessDenied|UnauthorizedAccess|^Forbidden", RegexOptions.IgnoreCase);

static bool IsAccessDenied(string errorCode) => errorCode is not null && AccessDeniedCode.IsMatch(errorCode);

// A call refused to the principal that made it, less the refusals that are routine: calls AWS
// services make themselves (a call a service forwards for a principal, such as Secrets Manager
// decrypting with the caller's permissions, is the principal's and counts), log delivery probing
// bucket ACLs, and S3 HeadBucket existence checks, which are denied routinely.
static bool IsDeniedToPrincipal(CloudTrailEvent e) =>
    IsAccessDenied(e.ErrorCode)
    && !e.IsAwsServiceCall
    && e.SourceIPAddress != "delivery.logs.amazonaws.com"
    && e.EventName != "HeadBucket";
