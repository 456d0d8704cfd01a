using DetectionKit.Cli;

return await CliApp.RunAsync(args, CliContext.Console);
