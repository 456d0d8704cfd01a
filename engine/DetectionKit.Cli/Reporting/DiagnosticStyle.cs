namespace DetectionKit.Cli.Reporting;

internal enum DiagnosticStyle
{
    /// <summary><c>path:line:col: error DKnnnn: message</c></summary>
    Text,

    /// <summary><c>::error file=PATH,line=L,col=C::message</c> workflow commands.</summary>
    GitHub,
}
