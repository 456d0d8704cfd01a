// An alert context names the request fields an analyst reads, never the whole request: a request can
// carry a password, a private key or megabytes of user data, and whatever the context holds is
// delivered. Only the fields the call sent are listed, in the order given.
static IReadOnlyDictionary<string, object> RequestFields(CloudTrailEvent e, params string[] names) =>
    names.Select(name => (Name: name, Value: e.RequestParameterElement(name)))
        .Where(field => field.Value.HasValue)
        .ToDictionary(field => field.Name, field => (object)field.Value.Value, StringComparer.Ordinal);
