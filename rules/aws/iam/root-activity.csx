// Intermediate steps of the console sign-in flow; the ConsoleLogin record that ends the flow carries
// the outcome, so alerting on it alone keeps one sign-in to one alert.
static readonly IReadOnlySet<string> SignInSteps = new HashSet<string>(["CheckMfa", "CredentialChallenge", "CredentialVerification", "UserAuthentication"]);

// Calls a service makes on the root user's behalf (invokedBy) from the service's own address follow
// from a root call that is already alerted on, such as the CreateStack behind CloudFormation's calls,
// so they would only open a second alert for the same root session. What root does in the console is
// recorded with invokedBy signin.amazonaws.com too, but from root's own address: that is root's
// own act (a root access key created on the security credentials page) and alerts.
static bool MadeByServiceForRoot(CloudTrailEvent e) => e.InvokedByService is not null && !e.SourceAddress.IsIp;

bool Rule(CloudTrailEvent e) =>
    e.IsRoot
    && !e.IsAwsServiceCall
    && !MadeByServiceForRoot(e)
    && !(e.EventSource == "signin.amazonaws.com" && SignInSteps.Contains(e.EventName));

// A failed call still proves someone holds (or is guessing) the root credentials, but did less harm.
AlertSeverity Severity(CloudTrailEvent e) => e.IsSuccess ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) =>
    $"Root user {e.EventName}{(e.IsSuccess ? "" : " (failed)")} in account {e.RecipientAccountId ?? e.UserIdentity.AccountId} from {e.SourceIPAddress}";

// One root session, one alert: group by account and source address.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId ?? e.UserIdentity.AccountId}:{e.SourceIPAddress}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    eventSource = e.EventSource,
    eventName = e.EventName,
    // A failed sign-in event (a root password change that failed) has no error code: its outcome is
    // responseElements.<eventName>.
    error = e.ErrorCode ?? e.ErrorMessage ?? (e.IsSuccess ? null : $"{e.EventName}: Failure"),
    mfaUsed = e.MfaUsed,
});
