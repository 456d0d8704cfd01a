using DetectionKit.Cli.Hosting;

namespace DetectionKit.Cli.Reporting;

/// <summary>
/// A single, rewritten status line on stderr, at most once a second, when stderr is a terminal. When it
/// is not (a log, a CI job), nothing unless <c>plainEvery</c> is given: then a whole line at most that
/// often, so a long scan shows it is alive without filling the log.
/// </summary>
internal sealed class ProgressLine(CliContext context, TimeSpan? plainEvery = null) : IDisposable
{
    private DateTimeOffset last = DateTimeOffset.UtcNow;
    private bool shown;

    public void Update(string text)
    {
        var every = context.ErrorIsTerminal ? TimeSpan.FromSeconds(1) : plainEvery;
        if (every is null || DateTimeOffset.UtcNow - last < every)
        {
            return;
        }

        last = DateTimeOffset.UtcNow;
        if (context.ErrorIsTerminal)
        {
            context.Error.Write($"\r\u001b[K{text}");
            shown = true;
        }
        else
        {
            context.Error.WriteLine(text);
        }
    }

    public void Clear()
    {
        if (shown)
        {
            context.Error.Write("\r\u001b[K");
            shown = false;
        }
    }

    public void Dispose() => Clear();
}
