// Fixtures share nothing mutable (each works in its own temporary folder; what they share is built
// once behind Lazy<T>), so they run side by side; a test that changes process-wide state (the working
// directory, environment variables) is marked [NonParallelizable] and runs alone.
[assembly: Parallelizable(ParallelScope.Fixtures)]
