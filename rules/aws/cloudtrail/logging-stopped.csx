#load "../../_lib/arns.csx"
#load "../../_lib/attempts.csx"

// A failed StopLogging (denied, or a trail that does not exist) alerts low as an attempt.
bool Rule(CloudTrailEvent e) => true;

AlertSeverity Severity(CloudTrailEvent e) => AttemptOr(e, AlertSeverity.High);

// StopLogging names the trail by name or by ARN; an ARN also says whose trail it is (an organization
// trail stopped from a delegated administrator account belongs to the management account).
Arn TrailArn(CloudTrailEvent e) => Arn.Parse(e.RequestParameter("name"));

string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string TrailAccount(CloudTrailEvent e) => TrailArn(e)?.Account ?? e.RecipientAccountId;

string TrailText(CloudTrailEvent e) => $"CloudTrail trail {Trail(e)}{(TrailAccount(e) != e.RecipientAccountId ? $" of account {TrailAccount(e)}" : "")}";

string Title(CloudTrailEvent e) => e.IsSuccess
    ? $"{TrailText(e)} stopped by {e.ActorName}"
    : $"Failed attempt to stop {TrailText(e)} by {e.ActorName} ({FailureOf(e)})";

string Dedup(CloudTrailEvent e) => AttemptKey(e, $"{TrailAccount(e)}:{Trail(e)}");

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    trailArn = TrailArn(e)?.Text,
    trailAccount = TrailAccount(e),
    trailRegion = TrailArn(e)?.Region ?? e.AwsRegion,
    error = e.ErrorCode,
});
