using System.CommandLine;
using DetectionKit.Cli;
using DetectionKit.Cli.Commands;

var root = new RootCommand("DetectionKit: detection-as-code for AWS CloudTrail. Rules are YAML plus C# scripts, tested against recorded cases.")
{
    TestCommand.Create(),
    ValidateCommand.Create(),
    RunCommand.Create(),
    NewCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Run 'detectionkit --help' for usage.");
    return ExitCodes.Usage;
}

return await parse.InvokeAsync();
