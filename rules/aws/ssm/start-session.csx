bool Rule(CloudTrailEvent e) => e.IsSuccess && !e.IsAwsServiceCall;

// Without a document the session is an interactive shell.
string Kind(CloudTrailEvent e) => e.RequestParameter("documentName") is { } document ? document : "shell";

string Title(CloudTrailEvent e) =>
    $"Session Manager {Kind(e)} session to {e.RequestParameter("target")} started by {e.ActorName} from {e.SourceIPAddress}";

string Dedup(CloudTrailEvent e) => $"{e.RecipientAccountId}:{e.UserIdentity.Arn}:{e.RequestParameter("target")}";

object AlertContext(CloudTrailEvent e) => e.StandardContext(new
{
    target = e.RequestParameter("target"),
    document = Kind(e),
    parameters = e.RequestParameterElement("parameters"),
    sessionId = e.ResponseElement("sessionId"),
});
