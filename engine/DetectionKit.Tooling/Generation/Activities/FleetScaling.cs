using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// Auto Scaling adjusting the web fleet through its service-linked role: launching an instance from
/// the launch template and registering it with the load balancer, or draining and terminating one.
/// </summary>
internal sealed class FleetScaling : IActivity
{
    public double Weight => 0.6;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var autoscaling = Callers.RoleSession(account, "AWSServiceRoleForAutoScaling", "AutoScaling", traffic.Now.AddMinutes(-random.Between(1, 55)), random,
                "autoscaling.amazonaws.com", "autoscaling.amazonaws.com", rolePath: "/aws-service-role/autoscaling.amazonaws.com/")
            .Via("autoscaling.amazonaws.com");
        var session = traffic.Begin(autoscaling);
        if (random.Chance(0.5))
        {
            var instanceId = "i-0" + random.Hex(16);
            var ip = account.PrivateIp(random);
            session.Call(c => Ec2Calls.RunInstances(c, instanceId, ip, random.Pick(account.Subnets)));
            session.Fork(Callers.AwsService(account, "ec2.amazonaws.com")).Wait(20, 40)
                .Call(c => StsCalls.AssumeRole(c, "web-fleet-instance-role", instanceId, durationSeconds: 21600));
            session.Wait(90, 240).Call(c => ElbCalls.RegisterTargets(c, instanceId, 8080));
            return;
        }

        var victim = random.Pick(account.Instances).InstanceId;
        session.Call(c => ElbCalls.DeregisterTargets(c, victim, 8080)).Wait(60, 300).Call(c => Ec2Calls.TerminateInstances(c, victim));
    }
}
