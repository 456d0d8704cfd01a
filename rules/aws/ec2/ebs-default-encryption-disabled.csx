#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) => $"EBS encryption by default turned off in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e);

object AlertContext(CloudTrailEvent e) => e.StandardContext();
