// Imported by 'detectionkit import sigma' from the Sigma rule "Long Role Session Requested From Outside The Corporate Network" (6f0e8a61-0d5b-4c1e-9a55-1c2f5e3a7b06).
// Sigma condition: selection and not corporate and not service and not (session_name or flags)
// The YAML's match block checks eventSource and eventName before the script runs.
// Sigma compares text ignoring case unless a field says |cased; e.Get(path) and the event's
// properties read a field as text (null when absent or null).

bool Rule(CloudTrailEvent e) => Selection(e) && !Corporate(e) && !Service(e) && !(SessionName(e) || Flags(e));

// selection
static bool Selection(CloudTrailEvent e) =>
    double.TryParse(e.RequestParameter("durationSeconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var n1) && n1 >= 3600
    && e.UserAgent is not null && Regex.IsMatch(e.UserAgent, "^(aws-cli|boto3|aws-sdk-go)/", RegexOptions.IgnoreCase);

// corporate
static bool Corporate(CloudTrailEvent e) => e.SourceAddress.IsIn("10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32");

// service
static bool Service(CloudTrailEvent e) =>
    !string.Equals(e.UserIdentity.Type, "IAMUser", StringComparison.OrdinalIgnoreCase)
    && e.UserIdentity.InvokedBy?.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) == true;

// session_name
static bool SessionName(CloudTrailEvent e) =>
    e.RequestParameter("roleSessionName") is not null && Regex.IsMatch(e.RequestParameter("roleSessionName"), "\\Aci-.-\\*\\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

// flags
static bool Flags(CloudTrailEvent e) =>
    e.RequestParameter("roleSessionName")?.Contains("-deploy", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("roleSessionName")?.Contains("/deploy", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("roleSessionName")?.Contains("–deploy", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("roleSessionName")?.Contains("—deploy", StringComparison.OrdinalIgnoreCase) == true
    || e.RequestParameter("roleSessionName")?.Contains("―deploy", StringComparison.OrdinalIgnoreCase) == true;
