#load "../../_lib/dedup-keys.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

bool IsRecorder(CloudTrailEvent e) => e.EventName == "PutConfigurationRecorder";

string Name(CloudTrailEvent e) =>
    IsRecorder(e) ? e.RequestParameter("configurationRecorder.name") : e.RequestParameter("deliveryChannel.name");

// allSupported false: only the listed resource types are recorded.
bool RecordingNarrowed(CloudTrailEvent e) =>
    IsRecorder(e) && e.RequestParameter("configurationRecorder.recordingGroup.allSupported") == "false";

AlertSeverity Severity(CloudTrailEvent e) => RecordingNarrowed(e) ? AlertSeverity.Medium : AlertSeverity.Low;

string Title(CloudTrailEvent e) => IsRecorder(e)
    ? $"AWS Config recorder {Name(e)} {(RecordingNarrowed(e) ? "narrowed to selected resource types" : "changed")} in {e.AwsRegion} by {e.ActorName}"
    : $"AWS Config delivery channel {Name(e)} set to bucket {e.RequestParameter("deliveryChannel.s3BucketName")} in {e.AwsRegion} by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, e.EventName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    name = Name(e),
    recordingGroup = e.RequestParameterElement("configurationRecorder.recordingGroup"),
    s3BucketName = e.RequestParameter("deliveryChannel.s3BucketName"),
    snsTopicArn = e.RequestParameter("deliveryChannel.snsTopicARN"),
});
