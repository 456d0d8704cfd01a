using System.Runtime.InteropServices;

namespace DetectionKit.Cli.Hosting;

/// <summary>
/// Turns the first SIGINT or SIGTERM into a stop request: the objects in hand are cut short and not
/// committed (the next run reads them again), a rule call in progress is ended, what was committed is
/// delivered, and the command exits with <see cref="ExitCodes.Interrupted"/>. A second one ends the
/// process at once.
/// </summary>
internal sealed class GracefulStop : IDisposable
{
    private readonly CancellationTokenSource source;
    private readonly List<PosixSignalRegistration> registrations = [];

    /// <param name="context">Where the notice goes.</param>
    /// <param name="outer">A stop asked for by whoever runs the command (tests).</param>
    /// <param name="stopping">What the command does when stopped, after the signal's name; by default that of <c>run</c> and <c>schedule</c>.</param>
    public GracefulStop(CliContext context, CancellationToken outer, string stopping = "stopping; objects not read to their end are read again by the next run (send it again to stop at once)")
    {
        source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        if (!context.HandlesSignals)
        {
            return;
        }

        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, signalContext =>
            {
                if (source.IsCancellationRequested)
                {
                    return;
                }

                signalContext.Cancel = true;
                context.Error.WriteLine($"{signalContext.Signal}: {stopping}");
                source.Cancel();
            }));
        }
    }

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }
}
