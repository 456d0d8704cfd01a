using System.Text.Json.Nodes;
using DetectionKit.Tooling.Generation.Sessions;

namespace DetectionKit.Tooling.Generation.Calls;

/// <summary>Amazon EC2, with the <c>…Set: { items: [...] }</c> request shapes EC2 logs.</summary>
internal static class Ec2Calls
{
    public static ApiCall DescribeInstances(CallContext c) => Read("DescribeInstances", new() { ["instancesSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeInstance(CallContext c, string instanceId) =>
        Read("DescribeInstances", new() { ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId }), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeInstanceStatus(CallContext c) =>
        Read("DescribeInstanceStatus", new() { ["instancesSet"] = new JsonObject(), ["filterSet"] = new JsonObject(), ["includeAllInstances"] = false });

    public static ApiCall DescribeVpcs(CallContext c) => Read("DescribeVpcs", new() { ["vpcSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeSubnets(CallContext c) =>
        Read("DescribeSubnets", new() { ["subnetSet"] = new JsonObject(), ["filterSet"] = Filter("vpc-id", c.Account.VpcId) });

    public static ApiCall DescribeSecurityGroups(CallContext c) =>
        Read("DescribeSecurityGroups", new() { ["securityGroupSet"] = new JsonObject(), ["securityGroupIdSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeSecurityGroupRules(CallContext c) =>
        Read("DescribeSecurityGroupRules", new() { ["DescribeSecurityGroupRulesRequest"] = new JsonObject { ["Filter"] = new JsonObject { ["Name"] = "group-id", ["Value"] = new JsonObject { ["content"] = c.Random.Pick(c.Account.SecurityGroups), ["tag"] = 1 }, ["tag"] = 1 } } });

    public static ApiCall DescribeVolumes(CallContext c) => Read("DescribeVolumes", new() { ["volumeSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeSnapshots(CallContext c) =>
        Read("DescribeSnapshots", new() { ["snapshotSet"] = new JsonObject(), ["ownersSet"] = Items(new JsonObject { ["owner"] = "self" }), ["sharedUsersSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeImages(CallContext c) =>
        Read("DescribeImages", new() { ["executableBySet"] = new JsonObject(), ["imagesSet"] = Items(new JsonObject { ["imageId"] = c.Account.ImageId }), ["ownersSet"] = new JsonObject(), ["includeDeprecated"] = false, ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeNetworkInterfaces(CallContext c) =>
        Read("DescribeNetworkInterfaces", new() { ["networkInterfaceIdSet"] = new JsonObject(), ["filterSet"] = Filter("vpc-id", c.Account.VpcId) });

    public static ApiCall DescribeRegions(CallContext c) => Read("DescribeRegions", new() { ["regionSet"] = new JsonObject(), ["allRegions"] = false });

    public static ApiCall DescribeAvailabilityZones(CallContext c) =>
        Read("DescribeAvailabilityZones", new() { ["availabilityZoneSet"] = new JsonObject(), ["availabilityZoneIdSet"] = new JsonObject() });

    public static ApiCall DescribeAccountAttributes(CallContext c) =>
        Read("DescribeAccountAttributes", new() { ["accountAttributeNameSet"] = Items(new JsonObject { ["attributeName"] = "supported-platforms" }), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeTags(CallContext c, string resourceId) => Read("DescribeTags", new() { ["filterSet"] = Filter("resource-id", resourceId) });

    public static ApiCall DescribeLaunchTemplateVersions(CallContext c) =>
        Read("DescribeLaunchTemplateVersions", new() { ["DescribeLaunchTemplateVersionsRequest"] = new JsonObject { ["LaunchTemplateId"] = c.Account.LaunchTemplateId, ["LaunchTemplateVersion"] = new JsonObject { ["content"] = "$Latest", ["tag"] = 1 } } });

    public static ApiCall DescribeAddresses(CallContext c) => Read("DescribeAddresses", new() { ["publicIpsSet"] = new JsonObject(), ["allocationIdsSet"] = new JsonObject(), ["filterSet"] = new JsonObject() });

    public static ApiCall DescribeRouteTables(CallContext c) => Read("DescribeRouteTables", new() { ["routeTableIdSet"] = new JsonObject(), ["filterSet"] = Filter("vpc-id", c.Account.VpcId) });

    public static ApiCall DescribeNatGateways(CallContext c) => Read("DescribeNatGateways", new() { ["DescribeNatGatewaysRequest"] = new JsonObject() });

    public static ApiCall DescribeVpcEndpoints(CallContext c) => Read("DescribeVpcEndpoints", new() { ["DescribeVpcEndpointsRequest"] = new JsonObject() });

    public static ApiCall DescribeFlowLogs(CallContext c) => Read("DescribeFlowLogs", new() { ["DescribeFlowLogsRequest"] = new JsonObject() });

    public static ApiCall DescribeInstanceTypes(CallContext c) =>
        Read("DescribeInstanceTypes", new() { ["DescribeInstanceTypesRequest"] = new JsonObject { ["InstanceType"] = new JsonObject { ["content"] = "m6i.large", ["tag"] = 1 } } });

    /// <summary>An instance launched from the fleet's launch template, the way Auto Scaling launches them.</summary>
    public static ApiCall RunInstances(CallContext c, string instanceId, string privateIp, string subnetId) => new("ec2.amazonaws.com", "RunInstances", false)
    {
        Request = new JsonObject
        {
            ["instancesSet"] = Items(new JsonObject { ["minCount"] = 1, ["maxCount"] = 1 }),
            ["launchTemplate"] = new JsonObject { ["launchTemplateId"] = c.Account.LaunchTemplateId, ["version"] = "7" },
            ["subnetId"] = subnetId,
            ["blockDeviceMapping"] = new JsonObject(),
            ["monitoring"] = new JsonObject { ["enabled"] = false },
            ["disableApiTermination"] = false,
            ["disableApiStop"] = false,
            ["clientToken"] = c.Random.Uuid(),
            ["tagSpecificationSet"] = Items(new JsonObject
            {
                ["resourceType"] = "instance",
                ["tags"] = new JsonArray(new JsonObject { ["key"] = "aws:autoscaling:groupName", ["value"] = c.Account.AutoScalingGroup }),
            }),
        },
        Response = new JsonObject
        {
            ["requestId"] = c.Random.Uuid(),
            ["reservationId"] = "r-0" + c.Random.Hex(16),
            ["ownerId"] = c.Account.Id,
            ["groupSet"] = new JsonObject(),
            ["instancesSet"] = Items(new JsonObject
            {
                ["instanceId"] = instanceId,
                ["imageId"] = c.Account.ImageId,
                ["instanceState"] = new JsonObject { ["code"] = 0, ["name"] = "pending" },
                ["privateDnsName"] = $"ip-{privateIp.Replace('.', '-')}.ec2.internal",
                ["amiLaunchIndex"] = 0,
                ["productCodes"] = new JsonObject(),
                ["instanceType"] = "m6i.large",
                ["launchTime"] = Timestamps.EpochMilliseconds(c.Time),
                ["placement"] = new JsonObject { ["availabilityZone"] = c.Region + "a", ["tenancy"] = "default" },
                ["monitoring"] = new JsonObject { ["state"] = "disabled" },
                ["subnetId"] = subnetId,
                ["vpcId"] = c.Account.VpcId,
                ["privateIpAddress"] = privateIp,
                ["architecture"] = "x86_64",
                ["rootDeviceType"] = "ebs",
                ["rootDeviceName"] = "/dev/xvda",
                ["virtualizationType"] = "hvm",
                ["iamInstanceProfile"] = new JsonObject { ["arn"] = $"arn:aws:iam::{c.Account.Id}:instance-profile/web-fleet-instance-profile", ["id"] = "AIPA" + c.Random.UpperAlphanumeric(17) },
                ["metadataOptions"] = new JsonObject { ["httpTokens"] = "required", ["httpPutResponseHopLimit"] = 2, ["httpEndpoint"] = "enabled" },
            }),
            ["requesterId"] = "940372691376",
        },
    };

    public static ApiCall TerminateInstances(CallContext c, string instanceId) => Write("TerminateInstances",
        new() { ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId }) },
        new() { ["requestId"] = c.Random.Uuid(), ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId, ["currentState"] = State(32, "shutting-down"), ["previousState"] = State(16, "running") }) });

    public static ApiCall StopInstances(CallContext c, string instanceId) => Write("StopInstances",
        new() { ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId }), ["force"] = false },
        new() { ["requestId"] = c.Random.Uuid(), ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId, ["currentState"] = State(64, "stopping"), ["previousState"] = State(16, "running") }) });

    public static ApiCall StartInstances(CallContext c, string instanceId) => Write("StartInstances",
        new() { ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId }) },
        new() { ["requestId"] = c.Random.Uuid(), ["instancesSet"] = Items(new JsonObject { ["instanceId"] = instanceId, ["currentState"] = State(0, "pending"), ["previousState"] = State(80, "stopped") }) });

    public static ApiCall CreateTags(CallContext c, string resourceId, string key, string value) => Write("CreateTags",
        new() { ["resourcesSet"] = Items(new JsonObject { ["resourceId"] = resourceId }), ["tagSet"] = Items(new JsonObject { ["key"] = key, ["value"] = value }) },
        new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    /// <summary>An ingress rule from a network the organisation owns (or, for a public load balancer, HTTPS from anywhere, IPv4 or IPv6).</summary>
    public static ApiCall AuthorizeSecurityGroupIngress(CallContext c, string groupId, int port, string cidr, string description)
    {
        var ipv6 = cidr.Contains(':', StringComparison.Ordinal);
        var range = ipv6 ? new JsonObject { ["cidrIpv6"] = cidr, ["description"] = description } : new JsonObject { ["cidrIp"] = cidr, ["description"] = description };
        var created = new JsonObject
        {
            ["groupOwnerId"] = c.Account.Id,
            ["groupId"] = groupId,
            ["securityGroupRuleId"] = "sgr-0" + c.Random.Hex(16),
            ["isEgress"] = false,
            ["ipProtocol"] = "tcp",
            ["fromPort"] = port,
            ["toPort"] = port,
            [ipv6 ? "cidrIpv6" : "cidrIpv4"] = cidr,
            ["description"] = description,
        };
        return Write("AuthorizeSecurityGroupIngress",
            new()
            {
                ["groupId"] = groupId,
                ["ipPermissions"] = Items(new JsonObject
                {
                    ["ipProtocol"] = "tcp",
                    ["fromPort"] = port,
                    ["toPort"] = port,
                    ["groups"] = new JsonObject(),
                    ["ipRanges"] = ipv6 ? new JsonObject() : Items(range),
                    ["ipv6Ranges"] = ipv6 ? Items(range) : new JsonObject(),
                    ["prefixListIds"] = new JsonObject(),
                }),
            },
            new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true, ["securityGroupRuleSet"] = Items(created) });
    }

    /// <summary>
    /// An existing rule rewritten in place, as Terraform's security group rule resources update one.
    /// The request names the rule by id and says nothing of its direction: an egress rule looks the
    /// same as an ingress one.
    /// </summary>
    public static ApiCall ModifySecurityGroupRules(CallContext c, string groupId, string ruleId, string protocol, string cidr, string description) =>
        new("ec2.amazonaws.com", "ModifySecurityGroupRules", false)
        {
            Request = new JsonObject
            {
                ["ModifySecurityGroupRulesRequest"] = new JsonObject
                {
                    ["GroupId"] = groupId,
                    ["SecurityGroupRule"] = new JsonObject
                    {
                        ["SecurityGroupRuleId"] = ruleId,
                        ["SecurityGroupRule"] = new JsonObject { ["Description"] = description, ["IpProtocol"] = protocol, ["CidrIpv4"] = cidr },
                        ["tag"] = 1,
                    },
                },
            },
            Response = new JsonObject
            {
                ["ModifySecurityGroupRulesResponse"] = new JsonObject
                {
                    ["xmlns"] = "http://ec2.amazonaws.com/doc/2016-11-15/",
                    ["requestId"] = c.Random.Uuid(),
                    ["return"] = true,
                },
            },
        };

    /// <summary>An AMI registered from a build instance; the snapshot of its root volume is created with it.</summary>
    public static ApiCall CreateImage(CallContext c, string instanceId, string name, string imageId) => Write("CreateImage",
        new() { ["instanceId"] = instanceId, ["name"] = name, ["description"] = "Golden image built by Packer", ["noReboot"] = false, ["blockDeviceMapping"] = new JsonObject() },
        new() { ["requestId"] = c.Random.Uuid(), ["imageId"] = imageId });

    /// <summary>Launch permission for other accounts: <c>launchPermission.add.items[].userId</c>, as CloudTrail records it.</summary>
    public static ApiCall ShareImage(CallContext c, string imageId, IEnumerable<string> accountIds) => Write("ModifyImageAttribute",
        new()
        {
            ["imageId"] = imageId,
            ["launchPermission"] = new JsonObject { ["add"] = Items([.. accountIds.Select(a => (JsonNode)new JsonObject { ["userId"] = a })]) },
            ["attributeType"] = "launchPermission",
        },
        new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    /// <summary>Permission for other accounts to create volumes from (or copy) a snapshot.</summary>
    public static ApiCall ShareSnapshot(CallContext c, string snapshotId, IEnumerable<string> accountIds) => Write("ModifySnapshotAttribute",
        new()
        {
            ["snapshotId"] = snapshotId,
            ["createVolumePermission"] = new JsonObject { ["add"] = Items([.. accountIds.Select(a => (JsonNode)new JsonObject { ["userId"] = a })]) },
            ["attributeType"] = "CREATE_VOLUME_PERMISSION",
        },
        new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    /// <summary>New user data for a stopped instance; CloudTrail never records the data itself.</summary>
    public static ApiCall ModifyUserData(CallContext c, string instanceId) => Write("ModifyInstanceAttribute",
        new() { ["instanceId"] = instanceId, ["userData"] = "<sensitiveDataRemoved>" },
        new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    /// <summary>The encrypted administrator password of a Windows instance; CloudTrail records no response.</summary>
    public static ApiCall GetPasswordData(CallContext c, string instanceId) => Read("GetPasswordData", new() { ["instanceId"] = instanceId });

    public static ApiCall CreateSnapshot(CallContext c, string volumeId) => Write("CreateSnapshot",
        new() { ["volumeId"] = volumeId, ["description"] = "This snapshot is created by the AWS Backup service." },
        new()
        {
            ["requestId"] = c.Random.Uuid(),
            ["snapshotId"] = "snap-0" + c.Random.Hex(16),
            ["volumeId"] = volumeId,
            ["status"] = "pending",
            ["startTime"] = Timestamps.EpochMilliseconds(c.Time),
            ["progress"] = string.Empty,
            ["ownerId"] = c.Account.Id,
            ["volumeSize"] = 50,
            ["encrypted"] = true,
            ["kmsKeyId"] = c.Account.Keys[^1].Arn,
        });

    public static ApiCall DeleteSnapshot(CallContext c, string snapshotId) => Write("DeleteSnapshot",
        new() { ["snapshotId"] = snapshotId }, new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    public static ApiCall CreateNetworkInterface(CallContext c, string subnetId, string groupId, string interfaceId, string privateIp) => Write("CreateNetworkInterface",
        new() { ["subnetId"] = subnetId, ["description"] = "arn:aws:ecs:" + c.Region + ":" + c.Account.Id + ":attachment/" + c.Random.Uuid(), ["groupSet"] = Items(new JsonObject { ["groupId"] = groupId }), ["privateIpAddressesSet"] = new JsonObject() },
        new()
        {
            ["requestId"] = c.Random.Uuid(),
            ["networkInterface"] = new JsonObject
            {
                ["networkInterfaceId"] = interfaceId,
                ["subnetId"] = subnetId,
                ["vpcId"] = c.Account.VpcId,
                ["availabilityZone"] = c.Region + "a",
                ["ownerId"] = c.Account.Id,
                ["requesterId"] = "578734482556",
                ["requesterManaged"] = true,
                ["status"] = "pending",
                ["privateIpAddress"] = privateIp,
                ["interfaceType"] = "interface",
            },
        });

    public static ApiCall DeleteNetworkInterface(CallContext c, string interfaceId) => Write("DeleteNetworkInterface",
        new() { ["networkInterfaceId"] = interfaceId }, new() { ["requestId"] = c.Random.Uuid(), ["_return"] = true });

    private static ApiCall Read(string name, JsonObject request) => new("ec2.amazonaws.com", name, true) { Request = request };

    private static ApiCall Write(string name, JsonObject request, JsonObject response) =>
        new("ec2.amazonaws.com", name, false) { Request = request, Response = response };

    private static JsonObject Items(params JsonNode[] items) => new() { ["items"] = new JsonArray(items) };

    private static JsonObject Items(IEnumerable<JsonNode> items) => new() { ["items"] = new JsonArray([.. items]) };

    private static JsonObject State(int code, string name) => new() { ["code"] = code, ["name"] = name };

    private static JsonObject Filter(string name, string value) =>
        Items(new JsonObject { ["name"] = name, ["valueSet"] = Items(new JsonObject { ["value"] = value }) });
}
