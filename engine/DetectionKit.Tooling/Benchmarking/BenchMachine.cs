namespace DetectionKit.Tooling.Benchmarking;

/// <summary>What the figures were measured on.</summary>
/// <param name="Cores">Logical processors the process may use.</param>
/// <param name="OperatingSystem">As the runtime describes it.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="MemoryProbe">How peak memory was read.</param>
public sealed record BenchMachine(int Cores, string OperatingSystem, string Runtime, string MemoryProbe);
