using DetectionKit.Engine.Generation.Calls;
using DetectionKit.Engine.Generation.World;

namespace DetectionKit.Engine.Generation.Activities;

/// <summary>The everyday changes an engineer makes by hand: scaling, restarting a service, tuning a setting or an alarm.</summary>
internal static class OperatorChanges
{
    public static void Any(Session s, Account account)
    {
        var random = s.Random;
        var app = account.Applications.Count > 0 ? random.Pick(account.Applications) : null;
        switch (random.Next(6))
        {
            case 0 when account.Environment == "dev" && account.Instances.Count > 0:
                // Developers stop their dev instances in the evening and start them in the morning.
                var instance = random.Pick(account.Instances).InstanceId;
                s.Call(c => random.Chance(0.5) ? Ec2Calls.StopInstances(c, instance) : Ec2Calls.StartInstances(c, instance));
                break;
            case 1 when account.Instances.Count > 0:
                s.Call(AutoScalingCalls.DescribeAutoScalingGroups).Call(c => AutoScalingCalls.SetDesiredCapacity(c, random.Between(3, 8)));
                break;
            case 2 when app is { Runtime: Runtime.EcsTask }:
                s.Call(c => ContainerCalls.DescribeServices(c, app.Name)).Call(c => ContainerCalls.UpdateService(c, app.Name, random.Between(30, 90)));
                break;
            case 3 when app is { Parameters.Count: > 0 }:
                s.Call(c => SsmCalls.PutParameter(c, app.Parameters[^1], random.Between(2, 60)));
                break;
            case 4 when app is not null:
                s.Call(c => CloudWatchCalls.PutMetricAlarm(c, $"{app.Name}-latency-p99", "TargetResponseTime", app.Name));
                break;
            default:
                if (account.Instances.Count > 0)
                {
                    s.Call(c => Ec2Calls.CreateTags(c, random.Pick(account.Instances).InstanceId, "owner", "platform-team"));
                }

                break;
        }
    }
}
