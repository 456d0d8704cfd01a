#load "../../_lib/console-sign-in.csx"

// Step 1: an IAM user or the root user signed in to the console with a password alone.
bool SignInWithoutMfa(CloudTrailEvent e) => SignedInWithoutMfa(e);

// Step 2: a persistence call (the YAML's match lists them) that succeeded, made by the principal
// itself: in the console, or by a service such as CloudFormation on its behalf, which is still its
// act. The console's calls carry the same userIdentity.arn as the sign-in: user/NAME for an IAM user,
// root for the root user (a root access key created on the security credentials page is recorded
// with invokedBy signin.amazonaws.com).
bool Persistence(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// What the persistence call acted on, for the title: the user, role, group or provider it names.
static string Target(CloudTrailEvent e) =>
    e.RequestParameter("userName") is { } user ? $" for user {user}"
    : e.RequestParameter("roleName") is { } role ? $" on role {role}"
    : e.RequestParameter("groupName") is { } group ? $" on group {group}"
    : e.RequestParameter("policyArn") is { } policy ? $" on policy {policy}"
    : e.RequestParameter("name") is { } provider ? $" ({provider})"
    : "";

// The alert's title is the title of the call that completed the sequence: the persistence call.
string Title(CloudTrailEvent e) =>
    e.EventName == "ConsoleLogin"
        ? $"Console sign-in without MFA by {e.ActorName} from {e.SourceIPAddress}"
        : $"{(e.IsRoot ? $"Root user of {e.RecipientAccountId}" : e.ActorName)} signed in to the console without MFA, then {e.EventName}{Target(e)}";
