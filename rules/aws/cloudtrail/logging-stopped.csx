bool Rule(CloudTrailEvent e) => e.IsSuccess;

// StopLogging names the trail by name or by ARN; an ARN also says whose trail it is (an organization
// trail stopped from a delegated administrator account belongs to the management account).
Arn TrailArn(CloudTrailEvent e) => Arn.Parse(e.RequestParameter("name"));

string Trail(CloudTrailEvent e) => TrailArn(e)?.ResourceName ?? e.RequestParameter("name");

string TrailAccount(CloudTrailEvent e) => TrailArn(e)?.Account ?? e.RecipientAccountId;

string Title(CloudTrailEvent e) =>
    $"CloudTrail trail {Trail(e)}{(TrailAccount(e) != e.RecipientAccountId ? $" of account {TrailAccount(e)}" : "")} stopped by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{TrailAccount(e)}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => new
{
    trail = Trail(e),
    trailArn = TrailArn(e)?.Text,
    trailAccount = TrailAccount(e),
    trailRegion = TrailArn(e)?.Region ?? e.AwsRegion,
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
