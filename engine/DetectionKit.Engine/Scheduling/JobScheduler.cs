using DetectionKit.Engine.Evaluation;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// Runs jobs when their cron expressions (UTC) say, one at a time, until stopped; or every job once.
/// A stop request lets the job in hand finish its current object and commit, then returns.
/// </summary>
public sealed class JobScheduler
{
    private readonly ScheduleConfig config;
    private readonly Func<JobConfig, RuleSet> rulesFor;
    private readonly JobRunner runner;
    private readonly TimeProvider time;

    public JobScheduler(ScheduleConfig config, Func<JobConfig, RuleSet> rulesFor, JobRunner runner, TimeProvider? time = null)
    {
        this.config = config;
        this.rulesFor = rulesFor;
        this.runner = runner;
        this.time = time ?? TimeProvider.System;
    }

    public async Task RunOnceAsync(Action<JobResult> report, CancellationToken stop)
    {
        foreach (var job in config.Jobs)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            report(await runner.RunAsync(job, rulesFor(job), stop: stop));
        }
    }

    public async Task RunUntilStoppedAsync(Action<JobResult> report, Action<JobConfig, DateTimeOffset> waiting, CancellationToken stop)
    {
        var next = config.Jobs.ToDictionary(job => job, job => NextAfter(job, time.GetUtcNow()));
        while (!stop.IsCancellationRequested)
        {
            var (job, due) = next.MinBy(pair => pair.Value) is var earliest ? (earliest.Key, earliest.Value) : default;
            waiting(job, due);
            var delay = due - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            report(await runner.RunAsync(job, rulesFor(job), stop: stop));
            next[job] = NextAfter(job, time.GetUtcNow());
        }
    }

    private static DateTimeOffset NextAfter(JobConfig job, DateTimeOffset now) =>
        job.Cron.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
