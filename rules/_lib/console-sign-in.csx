// A console sign-in (signin.amazonaws.com ConsoleLogin) records its outcome in responseElements
// (ConsoleLogin "Success" or "Failure", with the reason in errorMessage) and what came with it in
// additionalEventData: MFAUsed ("Yes" or "No") and LoginTo, the console page the user was going to.

static bool SignInFailed(CloudTrailEvent e) => e.ResponseElement("ConsoleLogin") == "Failure";

static string SignInMfaUsed(CloudTrailEvent e) => e.Get("additionalEventData.MFAUsed");

static string SignInDestination(CloudTrailEvent e) => e.Get("additionalEventData.LoginTo");
