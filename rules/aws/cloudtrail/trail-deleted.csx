#load "../../_lib/arns.csx"
#load "../../_lib/attempts.csx"

// A failed DeleteTrail (denied, or a trail that does not exist) alerts low as an attempt.
bool Rule(CloudTrailEvent e) => true;

AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.High);

// The request names the trail either by name or by ARN; show the name either way.
string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"CloudTrail trail {Trail(e)} deleted by {e.ActorName}"
    : $"Failed attempt to delete CloudTrail trail {Trail(e)} by {e.ActorName} ({FailureOf(e)})";

string Dedup(CloudTrailEvent e) => AttemptKey(e, $"{e.RecipientAccountId}:{Trail(e)}");

object AlertContext(CloudTrailEvent e) => e.StandardContext(new { trail = e.RequestParameter("name"), error = e.ErrorCode });
