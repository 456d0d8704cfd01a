// Intermediate steps of the console sign-in flow; the ConsoleLogin record that ends the flow carries
// the outcome, so alerting on it alone keeps one sign-in to one alert.
static readonly IReadOnlySet<string> SignInSteps = new HashSet<string>(["CheckMfa", "CredentialChallenge", "CredentialVerification", "UserAuthentication"]);

// Calls a service makes on the root user's behalf (invokedBy) follow from a root call that is already
// alerted on, such as the CreateStack behind CloudFormation's calls, and come from the service's
// address, so they would only open a second alert for the same root session.
bool Rule(CloudTrailEvent e) =>
    e.IsRoot
    && !e.IsAwsServiceCall
    && e.InvokedByService is null
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
    error = e.ErrorCode ?? e.ErrorMessage,
    mfaUsed = e.MfaUsed,
});
