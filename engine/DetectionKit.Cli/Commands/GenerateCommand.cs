using System.CommandLine;
using System.Globalization;
using DetectionKit.Cli.Hosting;
using DetectionKit.Tooling.Generation;

namespace DetectionKit.Cli.Commands;

/// <summary><c>generate benign</c>: write deterministic benign CloudTrail traffic for false-positive testing.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var events = new Option<int>("--events") { Description = "How many records to write.", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var seed = new Option<long>("--seed") { Description = "The seed; the same seed gives byte-identical output.", DefaultValueFactory = _ => 42, HelpName = "N" };
        var start = new Option<string?>("--start")
        {
            Description = $"Time of the first record, ISO 8601 (default {BenignTrafficOptions.DefaultStart:yyyy-MM-ddTHH:mm:ssZ}, a Monday).",
            HelpName = "TIME",
        };
        var format = new Option<string>("--format")
        {
            Description = "jsonl: one record per line; records: the S3 delivery shape {\"Records\":[...]}.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "records");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout; a name ending in .gz is gzipped.", HelpName = "FILE" };
        var benign = new Command("benign", "Benign traffic of a small organisation: applications, pipelines, scanners, AWS services and people, with routine errors.")
        {
            events, seed, start, format, output,
        };
        benign.SetAction(parse => Execute(context, parse.GetValue(events), parse.GetValue(seed), parse.GetValue(start), parse.GetValue(format)!, parse.GetValue(output)));
        return new Command("generate", "Generate CloudTrail records.") { benign };
    }

    private static int Execute(CliContext context, int events, long seed, string? start, string format, string? output)
    {
        if (events < 0)
        {
            context.Error.WriteLine("error: --events must be 0 or more");
            return ExitCodes.Usage;
        }

        var options = new BenignTrafficOptions { Seed = seed };
        if (start is not null)
        {
            if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                context.Error.WriteLine($"error: --start '{start}' is not a time; use ISO 8601 such as 2024-08-05T00:00:00Z");
                return ExitCodes.Usage;
            }

            options = options with { Start = time };
        }

        var records = new BenignTrafficGenerator(options).Generate(events);
        var layout = format == "records" ? CloudTrailFileFormat.Records : CloudTrailFileFormat.JsonLines;
        long written;
        if (output is null)
        {
            using var stdout = new TextWriterStream(context.Out);
            written = CloudTrailRecordWriter.Write(records, stdout, layout, gzip: false);
        }
        else
        {
            using var file = File.Create(output);
            written = CloudTrailRecordWriter.Write(records, file, layout, gzip: output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
        }

        context.Error.WriteLine($"wrote {written} records (seed {seed}){(output is null ? string.Empty : " to " + output)}");
        return ExitCodes.Success;
    }
}
