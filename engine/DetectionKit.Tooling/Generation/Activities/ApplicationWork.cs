using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An application doing its job with its own role: encrypting and decrypting with its key, reading
/// and writing objects in its buckets, and now and then starting up (reading its secrets and
/// parameters once). The bulk of any real trail.
/// </summary>
internal sealed class ApplicationWork : IActivity
{
    public double Weight => 30;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        var app = random.Pick(account.Applications);
        var (sessionName, instance) = app.Runtime switch
        {
            Runtime.EcsTask => (random.Hex(32), (Ec2Instance?)null),
            Runtime.Lambda => (app.Name, null),
            _ => (null!, random.Pick(account.Instances)),
        };
        sessionName ??= instance!.InstanceId;

        var startingUp = random.Chance(0.12);
        var created = startingUp ? traffic.Now : traffic.Now.AddMinutes(-random.Between(1, 50));
        var session = traffic.Begin(instance is not null
            ? Callers.InstanceSession(account, instance, traffic.Now, random, app.SdkUserAgent)
            : TaskOrFunction(account, app, sessionName, created, random));

        if (startingUp)
        {
            StartUp(traffic, session, account, app, sessionName);
        }

        var operations = random.Between(2, 9);
        for (var i = 0; i < operations; i++)
        {
            Work(session, app);
            session.Wait(0.2, 20);
        }
    }

    /// <summary>
    /// An ECS task or a function with its role. Code in the VPC reaches AWS through the VPC's endpoints
    /// or its NAT gateway; Lambda functions outside it through AWS's public address space.
    /// </summary>
    private static Caller TaskOrFunction(Account account, Application app, string sessionName, DateTimeOffset created, SeededRandom random)
    {
        var role = Callers.RoleSession(account, app.RoleName, sessionName, created, random, account.NatIp, app.SdkUserAgent);
        return app.InVpc
            ? role.InVpc(account.Egress(account.PrivateIp(random)), app.SdkUserAgent)
            : role.From(Choose.LambdaEgressIp(random), app.SdkUserAgent);
    }

    private static void StartUp(Traffic traffic, Session session, Account account, Application app, string sessionName)
    {
        if (app.Runtime != Runtime.Ec2)
        {
            // The service assumes the role for the new task or execution environment just before it runs.
            var service = app.Runtime == Runtime.Lambda ? "lambda.amazonaws.com" : "ecs-tasks.amazonaws.com";
            traffic.Begin(Callers.AwsService(account, service))
                .Call(c => StsCalls.AssumeRole(c, app.RoleName, sessionName, durationSeconds: app.Runtime == Runtime.Lambda ? 43200 : 3600));
        }

        if (app.Runtime == Runtime.Lambda)
        {
            session.Call(c => LogsCalls.CreateLogStream(c, $"/aws/lambda/{app.Name}"));
        }

        foreach (var secret in app.Secrets)
        {
            session.Call(c => SecretsManagerCalls.GetSecretValue(c, secret));
            session.Fork(session.Caller.Via("secretsmanager.amazonaws.com"))
                .Call(c => KmsCalls.Decrypt(c, app.Key, new JsonObject { ["SecretARN"] = SecretsManagerCalls.SecretArn(c, secret), ["SecretVersionId"] = c.Random.Uuid() }));
        }

        if (app.Parameters.Count > 0)
        {
            session.Call(c => SsmCalls.GetParameters(c, app.Parameters));
        }

        if (app.Table is { } table && session.Random.Chance(0.3))
        {
            session.Call(c => DynamoDbCalls.DescribeTable(c, table));
        }
    }

    private static void Work(Session session, Application app)
    {
        var random = session.Random;
        var context = new JsonObject { ["application"] = app.Name, ["environment"] = session.Caller.Account.Environment };
        if (app.Buckets.Count == 0 || random.Chance(0.45))
        {
            session.Try(c => random.Chance(0.5) ? KmsCalls.GenerateDataKey(c, app.Key, context) : KmsCalls.Decrypt(c, app.Key, context), 0.003, ApiErrors.Throttled);
            return;
        }

        var bucket = random.Pick(app.Buckets);
        var key = $"{app.Name}/{session.Time.UtcDateTime:yyyy/MM/dd}/{random.Hex(12)}.json";
        var encrypted = session.Fork(session.Caller.Via("s3.amazonaws.com"));
        var s3Context = new JsonObject { ["aws:s3:arn"] = $"arn:aws:s3:::{bucket}/{key}" };
        switch (random.Next(4))
        {
            case 0:
                session.Call(c => S3Calls.PutObject(c, bucket, key, random.Between(400, 250_000)));
                encrypted.Call(c => KmsCalls.GenerateDataKey(c, app.Key, s3Context));
                break;
            case 1:
                session.Call(c => S3Calls.HeadObject(c, bucket, key));
                break;
            default:
                // Reading a key another process has already cleaned up is routine.
                if (random.Chance(0.03))
                {
                    session.Fail(c => S3Calls.GetObject(c, bucket, key, 0), _ => ApiErrors.NoSuchKey);
                    break;
                }

                session.Call(c => S3Calls.GetObject(c, bucket, key, random.Between(400, 250_000)));
                encrypted.Call(c => KmsCalls.Decrypt(c, app.Key, s3Context));
                break;
        }
    }
}
