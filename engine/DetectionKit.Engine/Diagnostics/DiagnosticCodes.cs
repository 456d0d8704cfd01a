namespace DetectionKit.Engine.Diagnostics;

/// <summary>
/// Stable diagnostic codes. DK1xxx: rule files; DK2xxx: scripts; DK3xxx: cases and snapshots;
/// DK4xxx: event input; DK5xxx: rule execution; DK6xxx: alert delivery. Codes never change meaning once shipped.
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

    public const string RuleException = "DK5001";
    public const string BudgetExceeded = "DK5002";

    public const string DeliveryFailed = "DK6001";
    public const string JobFailed = "DK6002";
    public const string DeliveryTimedOut = "DK6003";
    public const string StateUnusable = "DK6004";
    public const string InputOutputFailed = "DK6005";
    public const string OutOfMemory = "DK6006";
}
