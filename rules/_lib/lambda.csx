// Lambda calls take a function by name, by ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME, with a
// version or alias after it when qualified) or by partial ARN (ACCOUNT:function:NAME). Titles and
// dedup keys show what follows "function:", so one function reads and groups the same in every form.
static string FunctionName(string nameOrArn) =>
    nameOrArn is { } f && f.Contains(":function:") ? f[(f.IndexOf(":function:") + 10)..] : nameOrArn;
