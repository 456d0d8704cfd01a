using System.Diagnostics;
using DetectionKit.Benchmarks;

// Prints figures; asserts nothing. Run in Release:
//   dotnet run -c Release --project bench/DetectionKit.Benchmarks -- [rules=200] [replays=20]
var ruleCount = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
var replays = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var root = Repository.FindRoot();

Console.WriteLine($"DetectionKit benchmarks ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
CompileBenchmark.Run(ruleCount);
ReplayBenchmark.Run(Path.Combine(root, "rules"), Path.Combine(root, "fixtures"), replays);
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
