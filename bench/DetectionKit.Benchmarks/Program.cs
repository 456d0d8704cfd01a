using System.Diagnostics;
using System.Globalization;
using DetectionKit.Benchmarks;

// Prints figures; asserts nothing. Run in Release:
//   dotnet run -c Release --project bench/DetectionKit.Benchmarks -- [compile|replay|s3|all] [options]
//   compile [rules=200]                 load + one compilation of N generated rules
//   replay [rounds=20]                  the bundled fixtures through the shipped rules, against the JSON parse floor
//   s3 [objects=200] [events=2000]      a trail bucket on moto_server: throughput and peak memory of an S3 run
var mode = args.Length > 0 ? args[0] : "all";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
var root = Repository.FindRoot();

Console.WriteLine($"DetectionKit benchmarks ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
if (mode is "compile" or "all")
{
    CompileBenchmark.Run(Arg(1, 200));
}

if (mode is "replay" or "all")
{
    ReplayBenchmark.Run(Path.Combine(root, "rules"), Path.Combine(root, "fixtures"), mode == "replay" ? Arg(1, 20) : 20);
}

if (mode is "s3")
{
    await S3Benchmark.RunAsync(Path.Combine(root, "rules"), Path.Combine(root, "fixtures"), Arg(1, 200), Arg(2, 2000));
}

Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
