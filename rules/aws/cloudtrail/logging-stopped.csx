#load "../../_lib/arns.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess;

// StopLogging names the trail by name or by ARN; an ARN also says whose trail it is (an organization
// trail stopped from a delegated administrator account belongs to the management account).
Arn TrailArn(CloudTrailEvent e) => Arn.Parse(e.RequestParameter("name"));

string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string TrailAccount(CloudTrailEvent e) => TrailArn(e)?.Account ?? e.RecipientAccountId;

string Title(CloudTrailEvent e) =>
    $"CloudTrail trail {Trail(e)}{(TrailAccount(e) != e.RecipientAccountId ? $" of account {TrailAccount(e)}" : "")} stopped by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{TrailAccount(e)}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trail = Trail(e),
    trailArn = TrailArn(e)?.Text,
    trailAccount = TrailAccount(e),
    trailRegion = TrailArn(e)?.Region ?? e.AwsRegion,
});
