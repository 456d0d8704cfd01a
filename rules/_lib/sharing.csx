#load "deployments.csx"

// Accounts and groups a ModifyImageAttribute (launchPermission) or ModifySnapshotAttribute
// (createVolumePermission) call adds: account ids, and "group:all" for everyone. Organization and OU
// ARNs share within your own organization and are left out, and so is the owner's own account.
static List<string> AddedToEc2Permission(JsonElement? permission, string ownAccount) =>
    permission.Values("add.items")
        .Select(i => i.Get("group") is { } group ? $"group:{group}" : i.Get("userId"))
        .Where(g => g is not null && g != ownAccount)
        .ToList();

// AWS Backup copying recovery points to another account, and CloudFormation deploying a stack, share
// with named accounts on a principal's behalf as a matter of course.
static bool SharedByRoutineService(CloudTrailEvent e) => ByCloudFormation(e) || e.InvokedByService == "backup.amazonaws.com";
