#load "../../_lib/error-codes.csx"

// A call refused to its principal (AccessDenied and its variants), less the routine refusals: see
// IsDeniedToPrincipal.
bool Denied(CloudTrailEvent e) => IsDeniedToPrincipal(e);

static string Service(CloudTrailEvent e) => e.EventSource?.Replace(".amazonaws.com", "");

// What is counted: distinct operations, service:operation. Ten refusals of one API are a missing
// permission; refusals spread over many APIs are someone finding out what a credential may do.
string Value(CloudTrailEvent e) => $"{Service(e)}:{e.EventName}";

string Title(CloudTrailEvent e) =>
    $"{e.ActorName} denied on ten or more distinct operations within 10 minutes (latest {Service(e)}:{e.EventName}, {e.ErrorCode}) from {e.SourceIPAddress}";
