// The error codes of a call refused for want of permission (an IAM or resource policy, an SCP, a
// permissions boundary): AccessDenied and AccessDeniedException (most services), UnauthorizedOperation
// and Client.UnauthorizedOperation (EC2), UnauthorizedAccess variants, and ForbiddenException, which
// App Mesh, MediaConnect and other REST services return for the same refusal. What the CIS control for
// unauthorized API calls matches ("*UnauthorizedOperation", "AccessDenied*") is included. Failed
// authentication (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken) is not a denial: the
// caller never got as far as a permission check.
static readonly Regex AccessDeniedCode = new(@"UnauthorizedOperation$|^AccessDenied|UnauthorizedAccess|^Forbidden", RegexOptions.IgnoreCase);

static bool IsAccessDenied(string errorCode) => errorCode is not null && AccessDeniedCode.IsMatch(errorCode);
