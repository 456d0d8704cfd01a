#load "../../_lib/console-sign-in.csx"

bool Rule(CloudTrailEvent e) => SignInFailed(e) && !e.IsRoot;

string User(CloudTrailEvent e) => e.UserIdentity.UserName ?? e.UserIdentity.Arn ?? "(unknown user)";

string Title(CloudTrailEvent e) =>
    $"Failed console sign-in as {User(e)} from {e.SourceIPAddress}: {e.ErrorMessage ?? "failure"}";

// Grouped by source address: spraying tries many users from one place.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}:{e.SourceIPAddress}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    user = User(e),
    reason = e.ErrorMessage,
    mfaUsed = SignInMfaUsed(e),
    loginTo = SignInDestination(e),
});
