// A console sign-in (signin.amazonaws.com ConsoleLogin) records its outcome in responseElements
// (ConsoleLogin "Success" or "Failure", with the reason in errorMessage) and what came with it in
// additionalEventData: MFAUsed ("Yes" or "No") and LoginTo, the console page the user was going to.

static bool SignInFailed(CloudTrailEvent e) => e.ResponseElement("ConsoleLogin") == "Failure";

static string SignInMfaUsed(CloudTrailEvent e) => e.Get("additionalEventData.MFAUsed");

static string SignInDestination(CloudTrailEvent e) => e.Get("additionalEventData.LoginTo");

// A successful sign-in with a password alone, by an IAM user or the root user: the only identities
// that sign in with passwords AWS holds. Federated sign-ins (SAML, IAM Identity Center) arrive as
// AssumedRole and report MFAUsed "No" even when the identity provider enforced MFA, so they are not one.
static bool SignedInWithoutMfa(CloudTrailEvent e) =>
    e.IsSuccess
    && SignInMfaUsed(e) == "No"
    && e.UserIdentity.Type is "IAMUser" or "Root";
