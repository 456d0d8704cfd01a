namespace DetectionKit.Cli.Hosting;

/// <summary>The command's exit codes; documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failures = 1;
    public const int Usage = 2;
}
