namespace DetectionKit.Architecture.Tests.Support;

/// <summary>
/// Which namespace uses which, keeping the first place each dependency was seen, and the cycles in it:
/// for each tangle of namespaces that reach each other (a strongly connected component), the shortest
/// rings through its namespaces, enough of them that every namespace of the tangle is in one.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, SortedDictionary<string, CodeLocation>> edges = new(StringComparer.Ordinal);

    public IEnumerable<Dependency> Dependencies =>
        edges.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e => e.Value.Select(to => new Dependency(e.Key, to.Key, to.Value)));

    /// <summary>Records that <paramref name="from"/> uses <paramref name="to"/>; a namespace using itself is no dependency.</summary>
    public void Add(string from, string to, CodeLocation where)
    {
        if (from == to)
        {
            return;
        }

        if (!edges.TryGetValue(from, out var targets))
        {
            edges[from] = targets = new SortedDictionary<string, CodeLocation>(StringComparer.Ordinal);
        }

        targets.TryAdd(to, where);
        edges.TryAdd(to, new SortedDictionary<string, CodeLocation>(StringComparer.Ordinal));
    }

    public IReadOnlyList<DependencyCycle> FindCycles()
    {
        var cycles = new List<DependencyCycle>();
        foreach (var component in StronglyConnectedComponents().Where(c => c.Count > 1).OrderBy(c => c.Min(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            var shown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var start in component.Order(StringComparer.Ordinal).Where(n => !shown.Contains(n)))
            {
                var ring = RingThrough(start, component);
                cycles.Add(ring);
                shown.UnionWith(ring.Namespaces);
            }
        }

        return cycles;
    }

    /// <summary>The shortest ring from <paramref name="start"/> back to itself within its component.</summary>
    private DependencyCycle RingThrough(string start, IReadOnlySet<string> component)
    {
        var cameFrom = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges[node].Keys.Where(component.Contains))
            {
                if (next == start)
                {
                    return new DependencyCycle(PathTo(node, cameFrom, start).Append(new Dependency(node, start, edges[node][start])).ToList());
                }

                if (cameFrom.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        throw new InvalidOperationException($"no ring through {start} in a strongly connected component");
    }

    private IEnumerable<Dependency> PathTo(string node, Dictionary<string, string> cameFrom, string start)
    {
        var path = new List<Dependency>();
        for (var to = node; to != start; to = cameFrom[to])
        {
            var from = cameFrom[to];
            path.Add(new Dependency(from, to, edges[from][to]));
        }

        path.Reverse();
        return path;
    }

    // Tarjan's algorithm, iterative so that a long chain of namespaces cannot overflow the stack.
    private List<IReadOnlySet<string>> StronglyConnectedComponents()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<IReadOnlySet<string>>();
        var visited = 0;
        foreach (var root in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, IEnumerator<string> Next)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Peek();
                if (next.MoveNext())
                {
                    var target = next.Current;
                    if (!index.ContainsKey(target))
                    {
                        Visit(target);
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }

                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new HashSet<string>(StringComparer.Ordinal);
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }

            void Visit(string node)
            {
                index[node] = visited;
                low[node] = visited;
                visited++;
                stack.Push(node);
                onStack.Add(node);
                work.Push((node, edges[node].Keys.GetEnumerator()));
            }
        }

        return components;
    }
}
