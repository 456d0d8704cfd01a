using DetectionKit.Cli;
using DetectionKit.Cli.Hosting;

return await CliApp.RunAsync(args, CliContext.Console);
