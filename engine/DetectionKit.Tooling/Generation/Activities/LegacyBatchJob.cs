using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Calls;
using DetectionKit.Tooling.Generation.Sessions;
using DetectionKit.Tooling.Generation.World;

namespace DetectionKit.Tooling.Generation.Activities;

/// <summary>
/// An old reporting job on premises, still on an IAM user's access key: it reads its warehouse
/// credentials, reads yesterday's exports and writes a report. Its policy covers one prefix, so
/// the odd object outside it is denied.
/// </summary>
internal sealed class LegacyBatchJob : IActivity
{
    public double Weight => 0.3;

    public bool ByPeople => false;

    public void Run(Traffic traffic)
    {
        var random = traffic.Random;
        var account = traffic.Organization.Account("dev");
        var user = account.IamUsers.Single(u => u.Name == "legacy-reporting");
        var app = account.Applications.Single(a => a.Name == "nightly-report");
        var bucket = app.Buckets[0];
        var caller = Callers.IamUserWithKey(account, user, Organization.OfficeIps[2], UserAgents.Boto3, isCli: false);
        var session = traffic.Begin(caller).Call(StsCalls.GetCallerIdentity);
        var secret = app.Secrets[0];
        session.Call(c => SecretsManagerCalls.GetSecretValue(c, secret));
        session.Fork(caller.Via("secretsmanager.amazonaws.com"))
            .Call(c => KmsCalls.Decrypt(c, app.Key, new JsonObject { ["SecretARN"] = SecretsManagerCalls.SecretArn(c, secret), ["SecretVersionId"] = c.Random.Uuid() }));

        var day = session.Time.AddDays(-1).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        session.Call(c => S3Calls.ListObjects(c, bucket, $"exports/{day}/"));
        for (var files = random.Between(1, 6); files > 0; files--)
        {
            var key = $"exports/{day}/part-{random.Between(0, 99):D5}.csv.gz";
            if (random.Chance(0.05))
            {
                session.Fail(c => S3Calls.GetObject(c, bucket, $"archive/{day}/part-{random.Between(0, 99):D5}.csv.gz", 0), call => ApiErrors.AccessDenied(call, caller.Arn));
                continue;
            }

            session.Call(c => S3Calls.GetObject(c, bucket, key, random.Between(50_000, 5_000_000)));
        }

        session.Wait(20, 300).Call(c => S3Calls.PutObject(c, bucket, $"reports/{day}/daily-orders.pdf", random.Between(80_000, 900_000)));
    }
}
