#load "../../_lib/arns.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess;

// The request names the trail either by name or by ARN; show the name either way.
string Trail(CloudTrailEvent e) => NameFromArn(e.RequestParameter("name"));

string Title(CloudTrailEvent e) => $"CloudTrail trail {Trail(e)} deleted by {e.ActorName}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{Trail(e)}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new { trail = e.RequestParameter("name") });
