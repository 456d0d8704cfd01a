#load "../../_lib/console-sign-in.csx"

// Federated sign-ins are left to the identity provider's logs (see SignedInWithoutMfa).
bool Rule(CloudTrailEvent e) => SignedInWithoutMfa(e);

AlertSeverity Severity(CloudTrailEvent e) => e.IsRoot ? AlertSeverity.High : AlertSeverity.Medium;

string Title(CloudTrailEvent e) => $"Console sign-in without MFA by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => e.UserIdentity.Arn ?? $"{e.RecipientAccountId}:{e.ActorName}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    identityType = e.UserIdentity.Type,
    loginTo = SignInDestination(e),
});
