using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An AWS Backup job: snapshots of a volume (with the KMS grant EBS needs), a DynamoDB backup, the
/// expiry of an old snapshot under the retention rule, and for production the copy into the
/// security account's vault, for which Backup shares the snapshot with that account.
/// </summary>
internal sealed class ScheduledBackup : IActivity
{
    public double Weight => 0.4;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var backup = Callers.RoleSession(account, "AWSBackupDefaultServiceRole", "AWSBackup-AWSBackupDefaultServiceRole", traffic.Now.AddMinutes(-random.Between(1, 30)), random,
                "backup.amazonaws.com", "backup.amazonaws.com", rolePath: "/service-role/")
            .Via("backup.amazonaws.com");
        var session = traffic.Begin(backup);
        var instance = random.Pick(account.Instances);
        session.Call(c => Ec2Calls.CreateSnapshot(c, instance.VolumeId));
        session.Fork(Callers.AwsService(account, "ebs.amazonaws.com"))
            .Call(c => KmsCalls.CreateGrant(c, account.Keys[^1], "ebs.amazonaws.com", new JsonObject { ["aws:ebs:id"] = instance.VolumeId }));
        var snapshot = "snap-0" + random.Hex(16);
        session.Call(c => Ec2Calls.CreateTags(c, snapshot, "aws:backup:source-resource", instance.VolumeId));
        if (account.Environment == "prod" && random.Chance(0.25))
        {
            session.Wait(300, 900).Call(c => Ec2Calls.ShareSnapshot(c, snapshot, [traffic.Organization.Security.Id]));
        }

        if (random.Chance(0.5) && account.Applications.FirstOrDefault(a => a.Table is not null)?.Table is { } table)
        {
            session.Wait(5, 60).Call(c => DynamoDbCalls.CreateBackup(c, table));
        }

        if (random.Chance(0.4))
        {
            session.Wait(5, 60).Call(c => Ec2Calls.DeleteSnapshot(c, "snap-0" + random.Hex(16)));
        }
    }
}
