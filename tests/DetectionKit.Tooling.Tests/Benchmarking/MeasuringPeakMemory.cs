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
        var ballast = new byte[64 * 1024 * 1024];
        Array.Fill(ballast, (byte)1);
        var before = probe.Peak();
        GC.KeepAlive(ballast);
        ballast = null;

        var start = probe.Reset();
        var after = probe.Peak();

        Assert.That(probe.Resettable, Is.True);
        Assert.That(after, Is.LessThan(before), "the reset peak should not include the freed 64 MB");
        Assert.That(after, Is.GreaterThanOrEqualTo(start));
    }
}
