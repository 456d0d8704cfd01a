namespace DetectionKit.Cli.Tests.S3;

/// <summary>A clock the test moves by hand, so runs hours apart take no time.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
