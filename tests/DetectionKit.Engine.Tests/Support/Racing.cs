namespace DetectionKit.Engine.Tests.Support;

/// <summary>Several threads started at once on one piece of work each, as workers on several machines; fails the test with what any of them threw.</summary>
internal static class Racing
{
    public static void Run(int workers, Action<int> work)
    {
        using var start = new Barrier(workers);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, workers).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                work(i);
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex);
            }
        })).ToList();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.That(failures, Is.Empty);
    }
}
