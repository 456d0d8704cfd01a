namespace DetectionKit.Engine.Diagnostics;

/// <summary>
/// Stable diagnostic codes. DK1xxx: rule files; DK2xxx: scripts; DK3xxx: cases and snapshots;
/// DK4xxx: event input; DK5xxx: rule execution; DK6xxx: alert delivery; DK70xx: importing rules
/// from other formats (Sigma); DK800x: hunt expressions; DK802x–DK803x: log file integrity (CloudTrail digest files). Codes never change meaning once shipped.
/// </summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "DK1001";
    public const string SchemaViolation = "DK1002";
    public const string UnknownKey = "DK1003";
    public const string DuplicateRuleId = "DK1004";
    public const string ScriptMissing = "DK1005";
    public const string CaseFileUnreadable = "DK1006";
    public const string DuplicateCaseName = "DK1007";
    public const string CaseEventInvalid = "DK1008";
    public const string RulesDirectoryMissing = "DK1009";
    public const string UnknownEventSource = "DK1010";
    public const string UnknownEventName = "DK1011";
    public const string UnknownPack = "DK1013";
    public const string ConfigInvalid = "DK1014";
    public const string ParameterDeclarationInvalid = "DK1015";
    public const string CaseParameterInvalid = "DK1016";
    public const string SettingsInvalid = "DK1017";
    public const string SettingsUnknownRule = "DK1018";
    public const string SettingsUnknownParameter = "DK1019";
    public const string SettingsValueInvalid = "DK1020";
    public const string SuppressionInvalid = "DK1021";
    public const string CaseFileOutsideRepository = "DK1022";
    public const string YamlAliasRefused = "DK1023";
    public const string YamlTooLarge = "DK1024";
    public const string UnknownAttackId = "DK1040";
    public const string BenignTrafficAlert = "DK1041";

    /// <summary>A <c>correlation:</c> block that says something its type cannot mean (a condition on a sequence, one step for a sequence, a function step without a script...).</summary>
    public const string CorrelationInvalid = "DK1050";

    /// <summary>A correlation step names a rule id that is not loaded, or a correlation rule.</summary>
    public const string CorrelationUnknownRule = "DK1051";

    /// <summary>(warning) An enabled rule raises no alert of its own: a correlation uses it as a step with <c>generate: false</c>.</summary>
    public const string StepRuleSilenced = "DK1052";

    /// <summary>(warning) <c>new</c>: an existing rule already matches the event the new rule is written for.</summary>
    public const string NewRuleOverlaps = "DK1025";

    public const string CompileError = "DK2001";
    public const string DirectiveRefused = "DK2002";
    public const string RuleFunctionMissing = "DK2003";
    public const string TopLevelStatement = "DK2004";
    public const string FunctionSignature = "DK2005";
    public const string ApiRefused = "DK2006";
    public const string ConstructRefused = "DK2007";
    public const string MutableState = "DK2008";
    public const string LibraryMemberNotStatic = "DK2009";
    public const string LibraryFailed = "DK2010";
    public const string ParameterNameNotConstant = "DK2011";
    public const string ParameterNotDeclared = "DK2012";
    public const string ParameterTypeMismatch = "DK2013";
    public const string ParameterReadAtInitialisation = "DK2014";
    public const string ParameterReadInLibrary = "DK2015";
    public const string ParameterNeverRead = "DK2016";

    public const string NoPositiveCase = "DK3001";
    public const string NoNegativeCase = "DK3002";
    public const string SnapshotMissing = "DK3003";
    public const string SnapshotDangling = "DK3004";
    public const string SnapshotUnreadable = "DK3005";
    public const string CaptureAlertsMissing = "DK3006";
    public const string CaptureAlertsDangling = "DK3007";

    /// <summary>A rule with fewer cases than <c>test --minimum-tests N</c> asks for, or (N above 1) without a positive or a negative one.</summary>
    public const string TooFewCases = "DK3008";

    /// <summary>A filter (<c>--filter</c>, <c>--pack</c>, <c>--tag</c>, <c>--severity</c>, <c>--technique</c>, <c>--rule</c>) that selects no rule.</summary>
    public const string FilterSelectsNothing = "DK3009";

    /// <summary>A <c>--severity</c> or <c>--technique</c> value not written as one.</summary>
    public const string FilterValueInvalid = "DK3010";

    /// <summary>A <c>--rule</c> id that no loaded rule has.</summary>
    public const string UnknownRuleId = "DK3011";

    public const string InputUnreadable = "DK4001";
    public const string InvalidRecord = "DK4002";
    public const string NothingToRead = "DK4003";
    public const string ObjectQuarantined = "DK4004";
    public const string CoveredRangeHeld = "DK4005";

    /// <summary>A record that is not CloudTrail (no eventSource, eventName or insightDetails): not evaluated.</summary>
    public const string NotCloudTrail = "DK4006";

    /// <summary>A CloudTrail record with no eventTime (nor @timestamp): not evaluated.</summary>
    public const string UndatedRecord = "DK4007";

    /// <summary>A CloudTrail record whose eventTime is not a string or not an ISO-8601 time: not evaluated.</summary>
    public const string BadEventTime = "DK4008";

    /// <summary>A file or object that holds no record at all.</summary>
    public const string EmptyInput = "DK4009";

    /// <summary>An envelope (a CloudWatch Logs subscription payload) whose content cannot be opened: bad base64 or gzip, a log event that is not a JSON object.</summary>
    public const string EnvelopeUnreadable = "DK4010";

    /// <summary>A queue message that is not a notification of new objects in a shape a trail bucket produces: left for the queue's redrive policy.</summary>
    public const string QueueMessageUnreadable = "DK4011";

    public const string RuleException = "DK5001";
    public const string BudgetExceeded = "DK5002";

    public const string DeliveryFailed = "DK6001";
    public const string JobFailed = "DK6002";
    public const string DeliveryTimedOut = "DK6003";
    public const string StateUnusable = "DK6004";
    public const string InputOutputFailed = "DK6005";
    public const string OutOfMemory = "DK6006";

    /// <summary>A queue that cannot be received from (no such queue, access denied, unreachable).</summary>
    public const string QueueUnreachable = "DK6007";

    /// <summary>Workers sharing one state run different rule sets (or settings): the same object would alert differently depending on which worker reads it.</summary>
    public const string WorkerRuleSetsDiffer = "DK6008";

    /// <summary>The DynamoDB table a <c>dynamodb://TABLE</c> state names does not exist: <c>detectionkit init --state dynamodb://TABLE</c> creates it.</summary>
    public const string StateTableMissing = "DK6020";

    /// <summary>The DynamoDB table a <c>dynamodb://TABLE</c> state names has another key schema or lacks the <c>pending</c> index.</summary>
    public const string StateTableShape = "DK6021";

    /// <summary>A DynamoDB request of the state failed after the SDK's retries (throttling, network, access denied), or a window stayed contended past the store's retries.</summary>
    public const string StateTableFailed = "DK6022";

    /// <summary>A <c>dynamodb://</c> state location that does not name a valid table.</summary>
    public const string StateLocationInvalid = "DK6023";

    /// <summary>A Sigma file that cannot be read as a Sigma rule: not YAML, no title, logsource or detection, a value of the wrong kind.</summary>
    public const string SigmaUnreadable = "DK7001";

    /// <summary>(warning) A Sigma rule whose logsource is not product aws, service cloudtrail: skipped.</summary>
    public const string SigmaNotCloudTrail = "DK7002";

    /// <summary>A modifier the importer cannot convert exactly (unknown, placeholders, time parts, UTF-16 encodings, a combination with no single meaning).</summary>
    public const string SigmaModifierUnsupported = "DK7003";

    /// <summary>A keyword search (values with no field): DetectionKit rules read fields, not the record's text.</summary>
    public const string SigmaKeywordSearch = "DK7004";

    /// <summary>A field that has no place on a CloudTrail record.</summary>
    public const string SigmaUnknownField = "DK7005";

    /// <summary>A condition that does not parse, names no search identifier, or whose pattern matches none.</summary>
    public const string SigmaConditionInvalid = "DK7006";

    /// <summary>An aggregation (<c>| count()</c>), a timeframe, or a correlation rule: more than one event at a time.</summary>
    public const string SigmaAggregation = "DK7007";

    /// <summary>A value that cannot mean what its modifiers say: a regular expression or range that does not parse, null in a list, a wildcard under base64.</summary>
    public const string SigmaValueInvalid = "DK7008";

    /// <summary>(warning) An imported rule is written disabled: it has no cases until someone records real ones.</summary>
    public const string SigmaImportedDisabled = "DK7009";

    /// <summary>(warning) Metadata that was not carried over as written: no or unknown level, a reference that is not a URL.</summary>
    public const string SigmaMetadataAdjusted = "DK7010";

    /// <summary>(warning) An eventSource or eventName the API catalog does not list: left to the script, not put in <c>match</c>.</summary>
    public const string SigmaNameNotInCatalog = "DK7011";

    /// <summary>The rule files an import would write already exist (use --force), or two Sigma files would write the same rule.</summary>
    public const string SigmaTargetExists = "DK7012";

    /// <summary>A hunt option (<c>--where</c>, <c>--select</c>, <c>--count-by</c>) that is not one C# expression, or a list of them, at the column where it goes wrong.</summary>
    public const string HuntExpressionSyntax = "DK8001";

    /// <summary><c>--where</c> is not true or false for each record (a string, a number, ...).</summary>
    public const string HuntWhereNotBool = "DK8002";

    /// <summary>A hunt expression threw on some records: counted and reported once, with the first record; the scan goes on.</summary>
    public const string HuntExpressionThrew = "DK8003";

    /// <summary>A hunt expression was stopped on some records for running past the budget every rule call has.</summary>
    public const string HuntExpressionStopped = "DK8004";

    /// <summary>A hunt expression reads a rule parameter: it belongs to no rule.</summary>
    public const string HuntParameterRead = "DK8005";

    /// <summary>A digest file that cannot be read as one: not gzip, not JSON, a required field missing or of the wrong kind.</summary>
    public const string DigestUnreadable = "DK8020";

    /// <summary>A digest file whose object carries no signature (<c>x-amz-meta-signature</c>) or an algorithm other than SHA256withRSA.</summary>
    public const string DigestUnsigned = "DK8021";

    /// <summary>A digest file signed with a key the public keys file does not hold (or holds for another time).</summary>
    public const string DigestUnknownKey = "DK8022";

    /// <summary>A digest file whose signature does not verify: the digest, or what it says of its place and its previous digest, was changed.</summary>
    public const string DigestSignatureInvalid = "DK8023";

    /// <summary>A digest file found somewhere other than where it says it was delivered (copied or moved).</summary>
    public const string DigestMoved = "DK8024";

    /// <summary>A digest file names a previous digest that is not in the bucket.</summary>
    public const string PreviousDigestMissing = "DK8025";

    /// <summary>A digest file's previous-digest hash or signature does not match the previous digest found.</summary>
    public const string PreviousDigestMismatch = "DK8026";

    /// <summary>A gap in a digest chain: a chain that starts again, or a digest that starts after its previous one ended.</summary>
    public const string DigestChainGap = "DK8027";

    /// <summary>A log file a digest lists that is not in the bucket.</summary>
    public const string LogFileMissing = "DK8028";

    /// <summary>A log file whose SHA-256 (over its uncompressed content) is not the one its digest lists.</summary>
    public const string LogFileChanged = "DK8029";

    /// <summary>A log file delivered within the hours digests cover that no digest lists.</summary>
    public const string LogFileAdded = "DK8030";

    /// <summary>Log files in the range that no digest covers: the digests of their hours are not there.</summary>
    public const string LogFilesNotCovered = "DK8031";

    /// <summary>A public keys file (the output of <c>aws cloudtrail list-public-keys</c>) that cannot be used.</summary>
    public const string PublicKeysInvalid = "DK8032";

    /// <summary>An object that could not be fetched to be verified (access denied, the network): neither verified nor found wrong.</summary>
    public const string IntegrityUnchecked = "DK8033";

    /// <summary>No digest file at all for the range: log file validation is off, or the digests are gone.</summary>
    public const string NoDigests = "DK8034";
}
