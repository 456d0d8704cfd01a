namespace DetectionKit.Tooling.Benchmarking;

/// <summary>The parts of a benchmark run; <c>bench --skip</c> leaves any of them out.</summary>
public enum BenchPhase
{
    /// <summary>gunzip, gunzip + parse (the floor) and the full pipeline over the same corpus, on one thread.</summary>
    Throughput,

    /// <summary>The full pipeline over a many-object corpus on one core and on all cores.</summary>
    Scaling,

    /// <summary>Loading and compiling rules: the shipped pack and generated rule sets, cold and warm.</summary>
    Loading,

    /// <summary>Peak resident memory after the rules are loaded, for corpora and one large object.</summary>
    Memory,

    /// <summary>One queue worker against a local moto_server: objects/s, events/s, and where its time went.</summary>
    Worker,
}
