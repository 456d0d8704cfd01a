// Calls that act on an IAM user (CreateAccessKey, CreateLoginProfile, UpdateLoginProfile) act on the
// caller itself when the request names no userName. Role sessions and root have no IAM user name of
// their own, so any userName they pass names someone else; IAM user names are case-insensitive.
static bool NamesAnotherUser(CloudTrailEvent e) =>
    e.RequestParameter("userName") is { } target
    && !string.Equals(target, e.UserIdentity.UserName, StringComparison.OrdinalIgnoreCase);
