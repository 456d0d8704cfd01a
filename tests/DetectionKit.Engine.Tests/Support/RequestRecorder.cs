using System.Collections.Concurrent;
using System.Globalization;
using System.Web;

namespace DetectionKit.Engine.Tests.Support;

/// <summary>
/// The HTTP handler under a real S3 client: it writes down each request the client sends, in order,
/// as <c>list PREFIX</c>, <c>folders PREFIX</c> (a delimiter listing) or <c>get KEY</c>, and passes it on
/// to the server. It never answers a request itself; it may only add a page size to listings (so
/// paging is exercised with a handful of objects) and divert chosen requests to a broken endpoint.
/// </summary>
internal sealed class RequestRecorder : DelegatingHandler
{
    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentQueue<(Func<string, bool> When, Uri To)> diversions = new();

    public RequestRecorder(int? pageSize)
        : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        PageSize = pageSize;
    }

    /// <summary>Keys per listing page the server is asked for, or null for its default (1,000).</summary>
    public int? PageSize { get; }

    /// <summary>Called with each call as it is sent, before it reaches the server.</summary>
    public Action<string>? Sending { get; set; }

    public IReadOnlyList<string> Calls => calls.ToList();

    public void Divert(Func<string, bool> when, Uri to) => diversions.Enqueue((when, to));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var query = HttpUtility.ParseQueryString(uri.Query);
        var call = Describe(request.Method, uri, query);
        calls.Enqueue(call);
        Sending?.Invoke(call);
        if (PageSize is { } size && query["list-type"] == "2" && query["max-keys"] is null)
        {
            uri = new UriBuilder(uri) { Query = uri.Query.TrimStart('?') + "&max-keys=" + size.ToString(CultureInfo.InvariantCulture) }.Uri;
        }

        if (diversions.FirstOrDefault(d => d.When(call)) is { To: { } to })
        {
            uri = new UriBuilder(uri) { Scheme = to.Scheme, Host = to.Host, Port = to.Port }.Uri;
        }

        request.RequestUri = uri;
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>A path-style request as the call it makes: the bucket is the first path segment.</summary>
    private static string Describe(HttpMethod method, Uri uri, System.Collections.Specialized.NameValueCollection query)
    {
        var path = uri.AbsolutePath.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (method == HttpMethod.Get && query["list-type"] == "2")
        {
            return $"{(string.IsNullOrEmpty(query["delimiter"]) ? "list" : "folders")} {query["prefix"]}";
        }

        if (method == HttpMethod.Get && slash >= 0)
        {
            return $"get {Uri.UnescapeDataString(path[(slash + 1)..])}";
        }

        return $"{method} {uri.PathAndQuery}";
    }
}
