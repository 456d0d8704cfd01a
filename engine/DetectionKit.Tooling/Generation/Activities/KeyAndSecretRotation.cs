using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// Scheduled rotation: KMS rotating a key's material (a service event), or a Secrets Manager
/// rotation function creating, staging and promoting a new database password.
/// </summary>
internal sealed class KeyAndSecretRotation : IActivity
{
    public double Weight => 0.2;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = Choose.Workload(traffic);
        if (random.Chance(0.3))
        {
            var key = random.Pick(account.Keys);
            traffic.Begin(Callers.AwsInternal(account), key.Region).Call(c => KmsCalls.RotateKey(c, key));
            return;
        }

        var secret = account.Applications[0].Secrets[0];
        var token = random.Uuid();
        var function = "secret-rotation-postgres";
        traffic.Begin(Callers.AwsService(account, "lambda.amazonaws.com")).Call(c => StsCalls.AssumeRole(c, $"{function}-role", function, durationSeconds: 43200));
        var ip = Choose.LambdaEgressIp(random);
        var rotation = Callers.RoleSession(account, $"{function}-role", function, traffic.Now, random, ip, UserAgents.Boto3);
        var session = traffic.Begin(rotation).Wait(1, 3)
            .Call(c => SecretsManagerCalls.DescribeSecret(c, secret))
            .Call(c => SecretsManagerCalls.GetSecretValue(c, secret))
            .Call(SecretsManagerCalls.GetRandomPassword)
            .Call(c => SecretsManagerCalls.PutSecretValue(c, secret, token))
            .Wait(2, 10)
            .Call(c => SecretsManagerCalls.GetSecretValue(c, secret))
            .Call(c => SecretsManagerCalls.UpdateSecretVersionStage(c, secret, token));
        session.Fork(Callers.AwsService(account, "secretsmanager.amazonaws.com")).Call(c => SecretsManagerCalls.RotationSucceeded(c, secret));
    }
}
