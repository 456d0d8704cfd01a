using DetectionKit.Cli.Hosting;

namespace DetectionKit.Cli.Reporting;

/// <summary>A single, rewritten status line on stderr, at most once a second, only when stderr is a terminal.</summary>
internal sealed class ProgressLine(CliContext context) : IDisposable
{
    private DateTimeOffset last = DateTimeOffset.MinValue;
    private bool shown;

    public void Update(string text)
    {
        if (!context.ErrorIsTerminal || DateTimeOffset.UtcNow - last < TimeSpan.FromSeconds(1))
        {
            return;
        }

        last = DateTimeOffset.UtcNow;
        context.Error.Write($"\r\u001b[K{text}");
        shown = true;
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
