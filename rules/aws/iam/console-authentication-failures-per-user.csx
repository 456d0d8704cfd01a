#load "../../_lib/console-sign-in.csx"

// Failures against a user name CloudTrail knows; unknown names are hidden
// (HIDDEN_DUE_TO_SECURITY_REASONS) and cannot be grouped by user: the per-address rule has them.
bool Rule(CloudTrailEvent e) =>
    SignInFailed(e) && !e.IsRoot && User(e) is not null;

string User(CloudTrailEvent e) =>
    e.UserIdentity.UserName is { } name && !name.StartsWith("HIDDEN_", StringComparison.Ordinal) ? name : null;

string Title(CloudTrailEvent e) =>
    $"Repeated failed console sign-ins as {User(e)} (this one from {e.SourceIPAddress}: {e.ErrorMessage ?? "failure"})";

// Grouped by user: guessing one user's password from many addresses defeats the per-address rule.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}:{User(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    user = User(e),
    reason = e.ErrorMessage,
    mfaUsed = SignInMfaUsed(e),
});
