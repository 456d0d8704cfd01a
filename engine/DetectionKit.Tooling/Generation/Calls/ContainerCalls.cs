using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon ECR (image pushes and pulls) and Amazon ECS (services and task definitions).</summary>
internal static class ContainerCalls
{
    public static ApiCall GetAuthorizationToken(CallContext c) => ApiCall.Read("ecr", "GetAuthorizationToken", new() { ["registryIds"] = new JsonArray(c.Account.Id) });

    public static ApiCall BatchCheckLayerAvailability(CallContext c, string repository) =>
        Repository(c, "BatchCheckLayerAvailability", repository, true, new JsonObject { ["layerDigests"] = new JsonArray("sha256:" + c.Random.Hex(64), "sha256:" + c.Random.Hex(64)) });

    public static ApiCall InitiateLayerUpload(CallContext c, string repository) => Repository(c, "InitiateLayerUpload", repository, false, []) with
    {
        Response = new JsonObject { ["uploadId"] = c.Random.Uuid(), ["partSize"] = 20_971_520 },
    };

    public static ApiCall CompleteLayerUpload(CallContext c, string repository) =>
        Repository(c, "CompleteLayerUpload", repository, false, new JsonObject { ["uploadId"] = c.Random.Uuid(), ["layerDigests"] = new JsonArray("sha256:" + c.Random.Hex(64)) });

    public static ApiCall PutImage(CallContext c, string repository, string tag) => Repository(c, "PutImage", repository, false, new JsonObject
    {
        ["imageTag"] = tag,
        ["imageManifestMediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
    }) with
    {
        Response = new JsonObject
        {
            ["image"] = new JsonObject
            {
                ["registryId"] = c.Account.Id,
                ["repositoryName"] = repository,
                ["imageId"] = new JsonObject { ["imageDigest"] = "sha256:" + c.Random.Hex(64), ["imageTag"] = tag },
            },
        },
    };

    public static ApiCall BatchGetImage(CallContext c, string repository, string tag) => Repository(c, "BatchGetImage", repository, true, new JsonObject
    {
        ["imageIds"] = new JsonArray(new JsonObject { ["imageTag"] = tag }),
        ["acceptedMediaTypes"] = new JsonArray("application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"),
    });

    public static ApiCall GetDownloadUrlForLayer(CallContext c, string repository) =>
        Repository(c, "GetDownloadUrlForLayer", repository, true, new JsonObject { ["layerDigest"] = "sha256:" + c.Random.Hex(64) });

    public static ApiCall DescribeImages(CallContext c, string repository) => Repository(c, "DescribeImages", repository, true, new JsonObject { ["maxResults"] = 100 });

    public static ApiCall DescribeRepositories(CallContext c) => ApiCall.Read("ecr", "DescribeRepositories", new() { ["maxResults"] = 100 });

    public static ApiCall DescribeServices(CallContext c, string service) =>
        ApiCall.Read("ecs", "DescribeServices", new() { ["cluster"] = c.Account.Cluster, ["services"] = new JsonArray(service) });

    public static ApiCall ListServices(CallContext c) => ApiCall.Read("ecs", "ListServices", new() { ["cluster"] = c.Account.Cluster });

    public static ApiCall ListTasks(CallContext c, string service) => ApiCall.Read("ecs", "ListTasks", new() { ["cluster"] = c.Account.Cluster, ["serviceName"] = service });

    public static ApiCall DescribeClusters(CallContext c) => ApiCall.Read("ecs", "DescribeClusters", new() { ["clusters"] = new JsonArray(c.Account.Cluster) });

    public static ApiCall DescribeTaskDefinition(CallContext c, string family, int revision) =>
        ApiCall.Read("ecs", "DescribeTaskDefinition", new() { ["taskDefinition"] = $"{family}:{revision}" });

    public static ApiCall RegisterTaskDefinition(CallContext c, string family, string taskRole, string image, int revision) => ApiCall.Write("ecs", "RegisterTaskDefinition",
        new()
        {
            ["family"] = family,
            ["taskRoleArn"] = c.Account.RoleArn(taskRole),
            ["executionRoleArn"] = c.Account.RoleArn("ecsTaskExecutionRole"),
            ["networkMode"] = "awsvpc",
            ["containerDefinitions"] = new JsonArray(new JsonObject
            {
                ["name"] = family,
                ["image"] = image,
                ["essential"] = true,
                ["portMappings"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "tcp" }),
            }),
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["cpu"] = "512",
            ["memory"] = "1024",
        },
        new()
        {
            ["taskDefinition"] = new JsonObject
            {
                ["taskDefinitionArn"] = $"arn:aws:ecs:{c.Region}:{c.Account.Id}:task-definition/{family}:{revision}",
                ["family"] = family,
                ["revision"] = revision,
                ["status"] = "ACTIVE",
                ["registeredAt"] = Timestamps.Java(c.Time),
            },
        });

    public static ApiCall UpdateService(CallContext c, string service, int revision) => ApiCall.Write("ecs", "UpdateService",
        new() { ["cluster"] = c.Account.Cluster, ["service"] = service, ["taskDefinition"] = $"{service}:{revision}", ["forceNewDeployment"] = false },
        new()
        {
            ["service"] = new JsonObject
            {
                ["serviceArn"] = $"arn:aws:ecs:{c.Region}:{c.Account.Id}:service/{c.Account.Cluster}/{service}",
                ["serviceName"] = service,
                ["clusterArn"] = $"arn:aws:ecs:{c.Region}:{c.Account.Id}:cluster/{c.Account.Cluster}",
                ["status"] = "ACTIVE",
                ["desiredCount"] = 3,
                ["launchType"] = "FARGATE",
                ["taskDefinition"] = $"arn:aws:ecs:{c.Region}:{c.Account.Id}:task-definition/{service}:{revision}",
            },
        });

    private static ApiCall Repository(CallContext c, string name, string repository, bool readOnly, JsonObject extra)
    {
        var request = new JsonObject { ["repositoryName"] = repository, ["registryId"] = c.Account.Id };
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            request[key] = value;
        }

        return new ApiCall("ecr.amazonaws.com", name, readOnly)
        {
            Request = request,
            Resources = new JsonArray(new JsonObject { ["accountId"] = c.Account.Id, ["ARN"] = $"arn:aws:ecr:{c.Region}:{c.Account.Id}:repository/{repository}" }),
            Host = $"api.ecr.{c.Region}.amazonaws.com",
        };
    }
}
