namespace DetectionKit.Tooling.Generation.World;

/// <summary>User-agent strings as the SDKs, CLI, consoles and tools of mid-2024 send them.</summary>
internal static class UserAgents
{
    public const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

    public const string Edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0";

    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    public const string Safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    /// <summary>What the console records for calls it makes itself while a page loads.</summary>
    public const string AwsInternal = "AWS Internal";

    public const string CliMac = "aws-cli/2.17.13 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off";

    public const string CliLinux = "aws-cli/2.17.13 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-44-generic md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off";

    public const string CliWindows = "aws-cli/2.17.13 md/awscrt#0.20.11 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off";

    public const string Boto3 = "Boto3/1.34.144 md/Botocore#1.34.144 ua/2.0 os/linux#5.10.219-208.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.144";

    public const string SsmAgent = "aws-sdk-go/1.54.6 (go1.22.4; linux; amd64) amazon-ssm-agent/3.3.551.0";

    /// <summary>
    /// The build cache tool on the EC2 Mac build host: a Python script pinned to a boto3 of early
    /// 2023, which still sent the old user-agent format with the platform as <c>Darwin/&lt;release&gt;</c>.
    /// </summary>
    public const string MacBuildCacheTool = "Boto3/1.26.90 Python/3.11.2 Darwin/22.6.0 Botocore/1.29.90";

    /// <summary>The AWS CLI the build host uploads artefacts with (Homebrew, so installed from source).</summary>
    public const string CliMacBuildHost = "aws-cli/2.17.13 md/awscrt#0.20.11 ua/2.0 os/macos#22.6.0 md/arch#arm64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off";

    public const string Terraform = "APN/1.0 HashiCorp/1.0 Terraform/1.9.2 (+https://www.terraform.io) terraform-provider-aws/5.58.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.1 ua/2.0 os/linux lang/go#1.22.4 md/GOOS#linux md/GOARCH#amd64";

    public const string Packer = "APN/1.0 HashiCorp/1.0 Packer/1.11.1 (+https://www.packer.io) aws-sdk-go/1.54.6 (go1.22.4; linux; amd64)";

    public const string GitHubCredentialsAction = "aws-sdk-js/3.609.0 ua/2.0 os/linux#6.5.0-1023-azure lang/js md/nodejs#20.13.1 api/sts#3.609.0 configure-aws-credentials-for-github-actions";

    public const string VendorAgent = "aws-sdk-go/1.54.11 (go1.22.5; linux; amd64) observability-crawler/7.55";

    public const string SecurityScanner = "Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux#5.10.219-208.866.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython cfg/retry-mode#standard Botocore/1.34.131 prowler/4.2.4";

    /// <summary>The SSM agent's user agent on the platform Systems Manager reports (<c>Linux</c>, <c>MacOS</c>, <c>Windows</c>).</summary>
    public static string SsmAgentOn(string platform) => platform switch
    {
        "MacOS" => "aws-sdk-go/1.54.6 (go1.22.4; darwin; arm64) amazon-ssm-agent/3.3.551.0",
        "Windows" => "aws-sdk-go/1.54.6 (go1.22.4; windows; amd64) amazon-ssm-agent/3.3.551.0",
        _ => SsmAgent,
    };

    public static string JavaSdk(string api) =>
        $"aws-sdk-java/2.26.19 Linux/5.10.219-208.866.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.3+9-LTS Java/21.0.3 vendor/Amazon.com_Inc. md/internal io/sync http/Apache cfg/retry-mode/legacy api/{api}";

    public static string GoSdk(string api) =>
        $"aws-sdk-go-v2/1.30.1 ua/2.0 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/{api}#1.35.2";

    public static string NodeSdk(string api) =>
        $"aws-sdk-js/3.609.0 ua/2.1 os/linux#5.10.219-229.866.amzn2.x86_64 lang/js md/nodejs#20.15.0 api/{api}#3.609.0 exec-env/AWS_Lambda_nodejs20.x";

    /// <summary>The AWS CLI names the command it runs: <c>md/command#ec2.describe-instances</c>.</summary>
    public static string WithCliCommand(string cli, string eventSource, string eventName)
    {
        var service = eventSource[..eventSource.IndexOf('.')] switch
        {
            "monitoring" => "cloudwatch",
            "elasticloadbalancing" => "elbv2",
            "signin" or "sso" => "sso",
            var s => s,
        };
        var name = eventName.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'v');
        var command = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && command.Length > 0)
            {
                command.Append('-');
            }

            command.Append(char.ToLowerInvariant(c));
        }

        return $"{cli} md/command#{service}.{command}";
    }
}
