bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// A vault can only be deleted once it is empty, and a vault lock is what stops anyone, an
// administrator included, from deleting recovery points early: both mean the backups are going or
// gone. A single recovery point or a plan can be routine clean-up. CloudFormation tearing down a
// stack's backup resources is routine: one step lower.
string Severity(CloudTrailEvent e)
{
    var high = e.EventName is "DeleteBackupVault" or "DeleteBackupVaultLockConfiguration";
    return e.InvokedByService == "cloudformation.amazonaws.com" ? (high ? "medium" : "low") : (high ? "high" : "medium");
}

string Vault(CloudTrailEvent e) => e.RequestParameter("backupVaultName");

string RecoveryPoint(CloudTrailEvent e) => e.RequestParameter("recoveryPointArn");

string Title(CloudTrailEvent e) => e.EventName switch
{
    "DeleteRecoveryPoint" => $"Recovery point {Arn.Parse(RecoveryPoint(e))?.ResourceName ?? RecoveryPoint(e)} deleted from backup vault {Vault(e)} by {e.ActorName}",
    "DeleteBackupVault" => $"Backup vault {Vault(e)} deleted in {e.AwsRegion} by {e.ActorName}",
    "DeleteBackupVaultLockConfiguration" => $"Vault lock removed from backup vault {Vault(e)} in {e.AwsRegion} by {e.ActorName}",
    _ => $"Backup plan {e.RequestParameter("backupPlanId")} deleted in {e.AwsRegion} by {e.ActorName}",
};

// Per caller: ransomware removes recovery points one after another.
string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.AwsRegion}:{e.UserIdentity.Arn}:{e.EventName}";

object AlertContext(CloudTrailEvent e) => new
{
    action = e.EventName,
    backupVault = Vault(e),
    recoveryPoint = RecoveryPoint(e),
    backupPlanId = e.RequestParameter("backupPlanId"),
    actor = e.UserIdentity.Arn,
    invokedBy = e.InvokedByService,
    sourceIp = e.SourceIPAddress,
    userAgent = e.UserAgent,
    region = e.AwsRegion,
};
