#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string Title(CloudTrailEvent e) => $"EC2 serial console access enabled in {e.AwsRegion} by {e.ActorName}";

// An account-level setting per region.
string Dedup(CloudTrailEvent e) => RegionalKey(e);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new { identityType = e.UserIdentity.Type });
