namespace DetectionKit.Tooling.Generation.World;

/// <summary>Lays out one account: network, fleet and hosts, applications, keys, buckets, stacks.</summary>
internal static class AccountBuilder
{
    public static Account Build(
        SeededRandom random,
        long seed,
        string id,
        string environment,
        string[] regions,
        string[] natIps,
        string[] endpointServices,
        int instances,
        IReadOnlyList<HostSpec> hosts,
        IReadOnlyList<IamUser> iamUsers,
        IReadOnlyList<string>? extraBuckets = null)
    {
        var region = regions[0];
        // A sandbox is a freshly vended account: nothing runs in it yet.
        var isWorkload = environment is not ("security" or "sandbox");
        var isSecurity = environment == "security";
        var second = random.Between(0, 200);
        var keys = isWorkload
            ? new[] { "orders", "payments", "media", "reports", "web" }.Select(name => NewKey(random, $"alias/{name}-{environment}", region, id)).ToList()
            : [NewKey(random, "alias/security-findings", region, id)];
        var fleet = Enumerable.Range(0, instances)
            .Select(i => new Ec2Instance(
                "i-0" + random.Hex(16),
                $"10.{second}.{(i % 3) + 1}.{random.Between(10, 250)}",
                region + "abc"[i % 3],
                "vol-0" + random.Hex(16),
                "web-fleet-instance-role",
                StableIds.Iam("AROA", $"{id}/web-fleet-instance-role", seed)))
            .ToList();
        var standalone = hosts
            .Select((h, i) => new Ec2Instance(
                "i-0" + random.Hex(16),
                // Public subnets follow the three private ones.
                h.ElasticIp is null ? $"10.{second}.{(i % 3) + 1}.{random.Between(10, 250)}" : $"10.{second}.{(i % 3) + 101}.{random.Between(10, 250)}",
                region + "abc"[i % 3],
                "vol-0" + random.Hex(16),
                h.RoleName,
                StableIds.Iam("AROA", $"{id}/{h.RoleName}", seed))
            {
                Name = h.Name,
                ElasticIp = h.ElasticIp,
                Platform = h.Platform,
                InstanceType = h.InstanceType,
            })
            .ToList();

        return new Account
        {
            Id = id,
            Environment = environment,
            Seed = seed,
            Regions = regions,
            PrivateNetwork = $"10.{second}",
            VpcId = "vpc-0" + random.Hex(16),
            Subnets = [.. Enumerable.Range(0, 3).Select(_ => "subnet-0" + random.Hex(16))],
            SecurityGroups = [.. Enumerable.Range(0, 4).Select(_ => "sg-0" + random.Hex(16))],
            NatIps = natIps,
            VpcEndpointId = "vpce-0" + random.Hex(16),
            EndpointServices = endpointServices.ToHashSet(StringComparer.Ordinal),
            Instances = fleet,
            Hosts = standalone,
            Applications = isWorkload ? Applications(id, environment, keys, seed) : [],
            Keys = keys,
            Buckets = isWorkload
                ? [$"acme-{environment}-order-exports", $"acme-{environment}-media-uploads", $"acme-{environment}-media-thumbnails",
                   $"acme-{environment}-reports", $"acme-{environment}-static-assets", $"acme-{environment}-artifacts",
                   $"acme-{environment}-access-logs-{id}", $"cf-templates-{random.Hex(12)}-{region}", .. extraBuckets ?? []]
                : isSecurity ? [$"acme-org-cloudtrail-{id}", $"acme-security-findings-{id}", $"acme-config-history-{id}"] : [],
            Stacks = isWorkload
                ? ["network-baseline", $"orders-api-{environment}", $"payments-worker-{environment}", $"media-pipeline-{environment}", $"web-fleet-{environment}", $"observability-{environment}"]
                : isSecurity ? ["security-baseline", "guardduty-admin", "config-aggregator"] : [],
            Repositories = isWorkload ? ["orders-api", "payments-worker"] : [],
            IamUsers = iamUsers,
            DbInstances = isWorkload ? [$"orders-{environment}-instance-1", $"orders-{environment}-instance-2"] : [],
            GuardDutyDetectorId = random.Hex(32),
            ImageId = "ami-0" + random.Hex(16),
            LaunchTemplateId = "lt-0" + random.Hex(16),
            LoadBalancerId = random.Hex(16),
            TargetGroupId = random.Hex(16),
        };
    }

    private static KmsKey NewKey(SeededRandom random, string alias, string region, string accountId) =>
        new($"{random.Hex(8)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(4)}-{random.Hex(12)}", alias, region, accountId);

    private static List<Application> Applications(string id, string env, IReadOnlyList<KmsKey> keys, long seed)
    {
        Application App(string name, Runtime runtime, string role, string agent, string[] secrets, string[] parameters, string[] buckets, string? table, int key) =>
            new(name, runtime, role, StableIds.Iam("AROA", $"{id}/{role}", seed), agent, secrets, parameters, buckets, table, keys[key]);

        return
        [
            App("orders-api", Runtime.EcsTask, "orders-api-task", UserAgents.JavaSdk("secretsmanager"),
                [$"{env}/orders-api/db-credentials"], [$"/orders-api/{env}/db-host", $"/orders-api/{env}/feature-flags"],
                [$"acme-{env}-order-exports"], $"orders-{env}", 0),
            App("payments-worker", Runtime.EcsTask, "payments-worker-task", UserAgents.GoSdk("kms"),
                [$"{env}/payments/provider-api-key", $"{env}/payments/webhook-signing-secret"], [$"/payments/{env}/queue-url"],
                [], $"payments-ledger-{env}", 1),
            App("thumbnail-generator", Runtime.Lambda, "thumbnail-generator-role", UserAgents.NodeSdk("s3"),
                [], [], [$"acme-{env}-media-uploads", $"acme-{env}-media-thumbnails"], null, 2),
            // The report reads the orders database, so the function is attached to the VPC.
            App("nightly-report", Runtime.Lambda, "nightly-report-role", UserAgents.Boto3,
                [$"{env}/reporting/warehouse-credentials"], [$"/reporting/{env}/recipients"], [$"acme-{env}-reports"], $"orders-{env}", 3) with { InVpc = true },
            App("web", Runtime.Ec2, "web-fleet-instance-role", UserAgents.Boto3,
                [$"{env}/web/session-signing-key"], [$"/web/{env}/config"], [$"acme-{env}-static-assets"], null, 4),
        ];
    }
}
