using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using DetectionKit.Cli.Tests.Deployment;
using DetectionKit.Cli.Tests.Support;
using DetectionKit.Tests.Shared;

namespace DetectionKit.Cli.Tests.S3;

/// <summary>
/// The example template deployed with the AWS CLI to moto's CloudFormation, then used as its README says:
/// the bucket notification from the stack's output, a log file delivered, a worker on the stack's queue
/// sending its alerts to the stack's alerts queue. moto leaves out what it does not model (the table's
/// TTL, running the ECS service), which <see cref="ReadingTheWorkerTemplate"/> checks in the template.
/// </summary>
public sealed class DeployingTheWorkerTemplate
{
    [Test]
    public async Task TheStackFeedsAWorkerFromTheTrailBucketAndTakesItsAlerts()
    {
        var aws = ExternalTool.Require("aws", "pip install awscli");
        using var bucket = await TrailBucket.CreateAsync();
        var stack = "dk-" + Guid.NewGuid().ToString("N")[..10];

        Aws(aws, "cloudformation", "create-stack", "--stack-name", stack, "--template-body", "file://" + WorkerTemplate.Path, "--capabilities", "CAPABILITY_IAM",
            "--parameters", "ParameterKey=ContainerImage,ParameterValue=example.org/detectionkit:1", $"ParameterKey=TrailBucketName,ParameterValue={bucket.Name}",
            "ParameterKey=Subnets,ParameterValue=subnet-0123456789abcdef0", "ParameterKey=SecurityGroups,ParameterValue=sg-0123456789abcdef0");
        var described = JsonNode.Parse(Aws(aws, "cloudformation", "describe-stacks", "--stack-name", stack))!["Stacks"]![0]!;
        Assert.That(described["StackStatus"]!.GetValue<string>(), Is.EqualTo("CREATE_COMPLETE"), described.ToJsonString());
        var outputs = described["Outputs"]!.AsArray().ToDictionary(o => o!["OutputKey"]!.GetValue<string>(), o => o!["OutputValue"]!.GetValue<string>());
        Assert.That(outputs.Keys, Is.SupersetOf(new[] { "NotificationQueueUrl", "StateTableName", "TaskRoleArn", "AlertsQueueUrl", "BucketNotificationConfiguration" }));

        using var sqs = new AmazonSQSClient();
        var queue = outputs["NotificationQueueUrl"];
        var redrive = (await sqs.GetQueueAttributesAsync(queue, ["RedrivePolicy"])).Attributes["RedrivePolicy"];
        Assert.That(JsonNode.Parse(redrive)!["deadLetterTargetArn"]!.GetValue<string>(), Does.EndWith(outputs["DeadLetterQueueUrl"].Split('/')[^1]));
        var table = JsonNode.Parse(Aws(aws, "dynamodb", "describe-table", "--table-name", outputs["StateTableName"]))!["Table"]!;
        Assert.That(table["GlobalSecondaryIndexes"]![0]!["IndexName"]!.GetValue<string>(), Is.EqualTo("pending"));
        var role = outputs["TaskRoleArn"].Split('/')[^1];
        Assert.That(Aws(aws, "iam", "get-role-policy", "--role-name", role, "--policy-name", "detectionkit-worker"), Does.Contain($"arn:aws:s3:::{bucket.Name}/AWSLogs/*"));

        Aws(aws, "s3api", "put-bucket-notification-configuration", "--bucket", bucket.Name, "--notification-configuration", outputs["BucketNotificationConfiguration"]);
        await bucket.PutLogAsync(TrailBucket.Capture("defense-evasion.cloudtrail-stop"), "111111111111", "us-east-1", DateTimeOffset.Parse("2024-08-01T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await bucket.PutRawAsync("elsewhere/readme.txt", "not under AWSLogs/: the notification's prefix leaves it out");

        // The ECS task's command, but with a temporary state (the DynamoDB store is its own piece of work).
        var worker = Shell.Run("worker", "--rules", RepositoryPaths.Rules, "--queue", queue, "--alerts-queue", outputs["AlertsQueueUrl"], "--until-empty");

        Assert.That(worker.ExitCode, Is.EqualTo(0), worker.ToString);
        Assert.That(worker.Error, Does.Contain("objects read: 1").And.Not.Contain("warning: the queue has no redrive policy"));
        var alerts = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = outputs["AlertsQueueUrl"], MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
        Assert.That(alerts.Messages.Select(m => JsonNode.Parse(m.Body)!["ruleId"]!.GetValue<string>()), Is.EqualTo(new[] { "aws.cloudtrail.logging-stopped" }));
    }

    private static string Aws(string aws, params string[] arguments)
    {
        var result = ExternalTool.Run(aws, ["--endpoint-url", MotoFixture.Server.Endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json", .. arguments], TimeSpan.FromMinutes(1));
        Assert.That(result.ExitCode, Is.EqualTo(0), () => $"aws {string.Join(' ', arguments)}\n{result}");
        return result.Out;
    }
}
