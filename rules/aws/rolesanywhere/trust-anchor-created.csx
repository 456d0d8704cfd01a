#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

string SourceType(CloudTrailEvent e) =>
    e.RequestParameter("source.sourceType") ?? e.ResponseElement("trustAnchor.source.sourceType") ?? "?";

// An uploaded CA certificate is whatever CA the caller chose; a private CA in the account is governed by it.
// CloudFormation deploying or tearing down a stack for its caller makes this routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (SourceType(e) == "AWS_ACM_PCA" ? AlertSeverity.Medium : AlertSeverity.High).LowerWhen(ByCloudFormation(e));

string Anchor(CloudTrailEvent e) =>
    e.RequestParameter("name") ?? e.ResponseElement("trustAnchor.name") ?? e.RequestParameter("trustAnchorId");

string Title(CloudTrailEvent e) =>
    $"IAM Roles Anywhere trust anchor {Anchor(e)} {(e.EventName == "CreateTrustAnchor" ? "created" : "updated")} (source {SourceType(e)}) by {e.ActorName}";

string Dedup(CloudTrailEvent e) => RegionalKey(e, Anchor(e));

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    trustAnchor = Anchor(e),
    trustAnchorArn = e.ResponseElement("trustAnchor.trustAnchorArn"),
    sourceType = SourceType(e),
    privateCa = e.RequestParameter("source.sourceData.acmPcaArn"),
    caCertificate = e.RequestParameter("source.sourceData.x509CertificateData"),
});
