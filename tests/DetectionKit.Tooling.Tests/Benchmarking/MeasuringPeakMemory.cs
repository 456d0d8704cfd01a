using System.Runtime.CompilerServices;
using DetectionKit.Tooling.Benchmarking;

namespace DetectionKit.Tooling.Tests.Benchmarking;

public sealed class MeasuringPeakMemory
{
    private const string Status = "Name:\tdetectionkit\nVmPeak:\t 4001234 kB\nVmHWM:\t  312456 kB\nVmRSS:\t  201000 kB\nVmRSSx:\t 7 kB\nThreads:\t12\n";

    [Test]
    public void TheHighWaterMarkAndTheResidentSetAreReadFromProcStatusInKilobytes()
    {
        Assert.That(PeakMemoryProbe.Kilobytes(Status, "VmHWM"), Is.EqualTo(312_456));
        Assert.That(PeakMemoryProbe.Kilobytes(Status, "VmRSS"), Is.EqualTo(201_000));
    }

    [Test]
    public void AFieldThatIsAbsentOrNotInKilobytesReadsAsNothing()
    {
        Assert.That(PeakMemoryProbe.Kilobytes(Status, "VmSwap"), Is.Null);
        Assert.That(PeakMemoryProbe.Kilobytes(Status, "Threads"), Is.Null);
        Assert.That(PeakMemoryProbe.Kilobytes(string.Empty, "VmHWM"), Is.Null);
    }

    [Test]
    public void OnLinuxAResetStartsTheMarkFromTheResidentSetLeft()
    {
        Assume.That(OperatingSystem.IsLinux(), "/proc/self/clear_refs is Linux's");
        var probe = PeakMemoryProbe.ForThisProcess();
        probe.Reset();
        var withBallast = PeakWithBallast(probe);

        var start = probe.Reset();
        var after = probe.Peak();

        // The kernel's resident counters are per thread and folded in lazily: they are exact to a few pages, not bytes.
        const long slack = 4 * 1024 * 1024;
        Assert.That(probe.Resettable, Is.True);
        Assert.That(after, Is.LessThan(withBallast - (64 * 1024 * 1024)), "the mark after a reset should not include the freed 128 MB");
        Assert.That(after, Is.GreaterThanOrEqualTo(start - slack));
    }

    /// <summary>In a method of its own: unoptimised code keeps a local alive until its method returns.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long PeakWithBallast(PeakMemoryProbe probe)
    {
        var ballast = new byte[128 * 1024 * 1024];
        Array.Fill(ballast, (byte)1);
        return probe.Peak();
    }
}
