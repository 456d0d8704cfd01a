using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// ECS starting a Fargate task: its service-linked role attaches a network interface and registers
/// the task with the load balancer, the task execution role pulls the image from ECR and creates the
/// log stream, and ECS assumes the task role for the application.
/// </summary>
internal sealed class ContainerTaskLaunch : IActivity
{
    public double Weight => 2.5;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var app = random.Pick(account.Applications.Where(a => a.Runtime == Runtime.EcsTask).ToList());
        var taskId = random.Hex(32);
        var taskIp = account.PrivateIp(random);
        var interfaceId = "eni-0" + random.Hex(16);

        var scheduler = Callers.RoleSession(account, "AWSServiceRoleForECS", "ecs-service-scheduler", traffic.Now.AddMinutes(-random.Between(1, 55)), random,
                "ecs.amazonaws.com", "ecs.amazonaws.com", rolePath: "/aws-service-role/ecs.amazonaws.com/")
            .Via("ecs.amazonaws.com");
        traffic.Begin(scheduler)
            .Call(c => Ec2Calls.CreateNetworkInterface(c, random.Pick(account.Subnets), account.SecurityGroups[1], interfaceId, taskIp));

        var tasks = Callers.AwsService(account, "ecs-tasks.amazonaws.com");
        var start = traffic.Begin(tasks).Wait(2, 6).Call(c => StsCalls.AssumeRole(c, "ecsTaskExecutionRole", taskId));

        var execution = Callers.RoleSession(account, "ecsTaskExecutionRole", taskId, start.Time, random, taskIp, "Amazon ECS Agent - v1.86.3 (*24a0cf88)")
            .InVpc(account.Egress(taskIp), "Amazon ECS Agent - v1.86.3 (*24a0cf88)");
        var pull = start.Fork(execution)
            .Call(ContainerCalls.GetAuthorizationToken)
            .Call(c => ContainerCalls.BatchGetImage(c, app.Name, "latest"));
        for (var layer = random.Between(2, 5); layer > 0; layer--)
        {
            pull.Call(c => ContainerCalls.GetDownloadUrlForLayer(c, app.Name));
        }

        pull.Call(c => LogsCalls.CreateLogStream(c, $"/ecs/{app.Name}"));
        pull.Fork(tasks).Call(c => StsCalls.AssumeRole(c, app.RoleName, taskId));
        pull.Fork(scheduler).Wait(20, 60).Call(c => ElbCalls.RegisterTargets(c, taskIp, 8080));
    }
}
