// CloudFormation creates, changes and deletes a stack's resources for whoever deployed the stack: the
// record is that principal's, with userIdentity.invokedBy cloudformation.amazonaws.com. Rules keep
// alerting on it, but a change that comes from a template, reviewed and deployed as code, is routine
// far more often than the same change made by hand, so rules that grade it grade it one step lower:
//   AlertSeverity Severity(CloudTrailEvent e) => AlertSeverity.High.LowerWhen(ByCloudFormation(e));
static bool ByCloudFormation(CloudTrailEvent e) => e.InvokedByService == "cloudformation.amazonaws.com";
