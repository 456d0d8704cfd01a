// Many calls take a resource by name or by ARN, as the caller chooses (a trail, an event data store,
// a recovery point, a managed policy). Titles and dedup keys show the name, so that one resource reads
// and groups the same whichever form the call used: the last part of an ARN's resource
// (arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail is org-trail), anything else as it is.
static string NameFromArn(string nameOrArn) => Arn.Parse(nameOrArn)?.ResourceName ?? nameOrArn;
