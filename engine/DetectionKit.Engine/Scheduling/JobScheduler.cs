using System.Data.Common;
using DetectionKit.Engine.Diagnostics;
using DetectionKit.Engine.Evaluation;
using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Scheduling;

/// <summary>
/// Runs jobs when their cron expressions (UTC) say, one at a time, until stopped; or every job once.
/// A stop request ends the job in hand (the objects it had not read to their end are read by its next
/// run), then returns. A job that fails unexpectedly is reported and the others go on; a state that
/// cannot be used or a process out of memory ends the scheduler.
/// </summary>
public sealed class JobScheduler
{
    // Task.Delay takes at most ~49 days; waking daily also keeps the next-run time honest.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

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

            report(await RunJobAsync(job, stop));
        }
    }

    public async Task RunUntilStoppedAsync(Action<JobResult> report, Action<JobConfig, DateTimeOffset> waiting, CancellationToken stop)
    {
        var next = config.Jobs.ToDictionary(job => job, job => NextAfter(job, time.GetUtcNow()));
        while (!stop.IsCancellationRequested)
        {
            var (job, due) = next.MinBy(pair => pair.Value) is var earliest ? (earliest.Key, earliest.Value) : default;
            waiting(job, due);
            try
            {
                for (var delay = due - time.GetUtcNow(); delay > TimeSpan.Zero; delay = due - time.GetUtcNow())
                {
                    await Task.Delay(delay < LongestSleep ? delay : LongestSleep, time, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            report(await RunJobAsync(job, stop));
            next[job] = NextAfter(job, time.GetUtcNow());
        }
    }

    private async Task<JobResult> RunJobAsync(JobConfig job, CancellationToken stop)
    {
        try
        {
            return await runner.RunAsync(job, rulesFor(job), stop: stop);
        }
        // A state that cannot be used, or a process out of memory, fails every job alike: it ends the scheduler.
        catch (Exception ex) when (ex is not (OperationCanceledException or StateStoreException or DbException or OutOfMemoryException))
        {
            return JobResult.Failed(job.Name, time.GetUtcNow(), Diagnostic.Error(DiagnosticCodes.JobFailed, new SourceLocation(job.Name), $"the run failed: {ex.GetType().Name}: {ex.Message}; the job runs again at its next time"));
        }
    }

    private static DateTimeOffset NextAfter(JobConfig job, DateTimeOffset now) =>
        job.Cron.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;
}
