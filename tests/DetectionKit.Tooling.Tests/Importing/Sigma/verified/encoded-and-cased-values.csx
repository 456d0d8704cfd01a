// Imported by 'detectionkit import sigma' from the Sigma rule "Encoded Bootstrap Script In Instance User Data" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b07).
// Sigma condition: user_data or exact_script
// Sigma condition: all of test_profile
// The YAML's match block checks eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => UserData(e) || ExactScript(e) || TestProfile(e);

// user_data
static bool UserData(CloudTrailEvent e) =>
    e.RequestParameter("userData")?.Contains("Y3VybCBodHRw", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("userData")?.Contains("N1cmwgaHR0c", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("userData")?.Contains("jdXJsIGh0dH", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("userData")?.Contains("d2dldCBodHRw", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("userData")?.Contains("dnZXQgaHR0c", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("userData")?.Contains("3Z2V0IGh0dH", StringComparison.OrdinalIgnoreCase) == true;

// exact_script
static bool ExactScript(CloudTrailEvent e) =>
    string.Equals(e.EventName, "RunInstances", StringComparison.OrdinalIgnoreCase)
    && string.Equals(e.RequestParameter("userData"), "IyEvYmluL3No", StringComparison.OrdinalIgnoreCase);

// test_profile
static bool TestProfile(CloudTrailEvent e) =>
    string.Equals(e.EventName, "RunInstances", StringComparison.OrdinalIgnoreCase)
    && e.RequestParameter("iamInstanceProfile.name")?.StartsWith("TEST-", StringComparison.Ordinal) == true;
