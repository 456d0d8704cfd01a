#load "../../_lib/arns.csx"
#load "../../_lib/dedup-keys.csx"
#load "../../_lib/deployments.csx"

bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// A vault can only be deleted once it is empty, and a vault lock is what stops anyone, an
// administrator included, from deleting recovery points early: both mean the backups are going or
// gone. A single recovery point or a plan can be routine clean-up. CloudFormation tearing down a
// stack's backup resources is routine: one step lower.
AlertSeverity Severity(CloudTrailEvent e) =>
    (e.EventName is "DeleteBackupVault" or "DeleteBackupVaultLockConfiguration" ? AlertSeverity.High : AlertSeverity.Medium)
        .LowerWhen(ByCloudFormation(e));

string Vault(CloudTrailEvent e) => e.RequestParameter("backupVaultName");

string RecoveryPoint(CloudTrailEvent e) => e.RequestParameter("recoveryPointArn");

string Title(CloudTrailEvent e) => e.EventName switch
{
    "DeleteRecoveryPoint" => $"Recovery point {NameFromArn(RecoveryPoint(e))} deleted from backup vault {Vault(e)} by {e.ActorName}",
    "DeleteBackupVault" => $"Backup vault {Vault(e)} deleted in {e.AwsRegion} by {e.ActorName}",
    "DeleteBackupVaultLockConfiguration" => $"Vault lock removed from backup vault {Vault(e)} in {e.AwsRegion} by {e.ActorName}",
    _ => $"Backup plan {e.RequestParameter("backupPlanId")} deleted in {e.AwsRegion} by {e.ActorName}",
};

// Per caller: ransomware removes recovery points one after another.
string Dedup(CloudTrailEvent e) => RegionalKey(e, e.UserIdentity.Arn, e.EventName);

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    action = e.EventName,
    backupVault = Vault(e),
    recoveryPoint = RecoveryPoint(e),
    backupPlanId = e.RequestParameter("backupPlanId"),
});
