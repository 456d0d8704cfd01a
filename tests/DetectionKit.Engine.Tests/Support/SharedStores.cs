using DetectionKit.Engine.State;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>The state stores that processes can share, by name, for tests that hold for every one of them.</summary>
internal static class SharedStores
{
    public static IEnumerable<string> Names => ["sqlite"];

    public static IAlertStateStore Open(string name) => name switch
    {
        "sqlite" => SqliteAlertStateStore.InMemory(),
        _ => throw new ArgumentException($"no store named {name}", nameof(name)),
    };
}
