using System.Text;

namespace DetectionKit.Tooling.Workflows;

/// <summary>
/// The GitHub Actions workflow that is a rules repository's pull-request gate: install the tool, then
/// <c>validate --format github</c>, <c>test --benign</c> with its JUnit report published, and the coverage
/// page as an artifact. <c>detectionkit init workflow</c> writes it, and DetectionKit's own
/// <c>.github/workflows/rules.yml</c> is this text for its repository, so the two cannot drift. Every
/// action is pinned to a commit (the version in a comment): a tag can be moved, a commit cannot.
/// </summary>
public static class RulesWorkflow
{
    /// <summary>Where the workflow goes in a repository.</summary>
    public const string DefaultPath = ".github/workflows/rules.yml";

    /// <summary>The folder the reports are written to, uploaded as the run's artifact.</summary>
    public const string ResultsFolder = "detectionkit-results";

    private const string Checkout = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1";
    private const string SetupDotnet = "actions/setup-dotnet@a98b56852c35b8e3190ac28c8c2271da59106c68 # v6.0.0";
    private const string TestReporter = "dorny/test-reporter@a43b3a5f7366b97d083190328d2c652e1a8b6aa2 # v3.0.0";
    private const string UploadArtifact = "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f # v7.0.0";

    /// <summary>The commands of the gate, as an author runs them locally to get CI's answer.</summary>
    public static IReadOnlyList<string> LocalCommands(RulesWorkflowOptions options) =>
    [
        $"dotnet detectionkit validate --rules {options.Rules}{SettingsOption(options)}",
        $"dotnet detectionkit test --rules {options.Rules} --benign",
    ];

    /// <summary>The command line that writes this workflow again, with the same options.</summary>
    public static string CommandLine(RulesWorkflowOptions options)
    {
        var line = new StringBuilder("detectionkit init workflow");
        if (options.Rules != "rules")
        {
            line.Append(" --rules ").Append(options.Rules);
        }

        if (options.Settings is { } settings)
        {
            line.Append(" --settings ").Append(settings);
        }

        if (options.ToolProject is { } project)
        {
            line.Append(" --tool-project ").Append(project);
        }

        return line.ToString();
    }

    public static string Render(RulesWorkflowOptions options)
    {
        var rules = options.Rules;
        var text = new StringBuilder();
        text.Append($"""
            # The pull-request gate of the DetectionKit rules in {rules}/: validate, test (cases, captures and
            # benign traffic) and coverage. It runs exactly what an author runs before pushing:
            #   {LocalCommands(options)[0]}
            #   {LocalCommands(options)[1]}
            # Written by `{CommandLine(options)}`; run it again to update this file rather than editing it.
            name: rules

            on:
              pull_request:
              push:
                branches: [main]

            permissions:
              contents: read

            jobs:
              gate:
                name: validate, test, coverage
                runs-on: ubuntu-latest
                timeout-minutes: 30
                permissions:
                  contents: read
                  checks: write # the test report is published as a check run
                env:
                  DOTNET_NOLOGO: "true"
                  DOTNET_CLI_TELEMETRY_OPTOUT: "true"
                  # A pull request's rule scripts are untrusted input. The compiled-rule cache is sealed with a
                  # key kept in the cache folder, so a folder restored from a cache that another run could have
                  # written (an actions/cache entry saved by a pull request) could carry anything, sealed. Each
                  # run compiles from the sources it checked out: no actions/cache for it, and no cache at all.
                  DETECTIONKIT_CACHE: "off"
                steps:
                  - uses: {Checkout}
                    with:
                      persist-credentials: false
                  - uses: {SetupDotnet}
                    with:
                      dotnet-version: "10.0.x"

            """);
        text.Append(options.ToolProject is { } project
            ? $"""
                    - name: Install detectionkit from {project}
                      run: |
                        dotnet pack {project} -c Release -o "$RUNNER_TEMP/detectionkit-package"
                        dotnet new tool-manifest
                        dotnet tool install --source "$RUNNER_TEMP/detectionkit-package" DetectionKit

              """
            : """
                    - name: Install detectionkit (the version in the repository's tool manifest)
                      run: dotnet tool restore

              """);
        // Every check after the install runs even when one before it failed (not when the run is cancelled),
        // so one push reports everything that is wrong.
        text.Append($"""
                  - name: detectionkit validate
                    run: dotnet detectionkit validate --rules {rules}{SettingsOption(options)} --format github
                  - name: detectionkit test
                    if: success() || failure()
                    run: dotnet detectionkit test --rules {rules} --benign --format junit --out {ResultsFolder}/test-results.xml
                  # A pull request from a fork gets a read-only token and cannot create a check run: there the
                  # log of the step above and the uploaded report say the same.
                  - name: Publish the test report
                    if: (success() || failure()) && hashFiles('{ResultsFolder}/test-results.xml') != '' && (github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)
                    uses: {TestReporter}
                    with:
                      name: detectionkit test
                      path: {ResultsFolder}/test-results.xml
                      reporter: java-junit
                  - name: detectionkit coverage
                    if: success() || failure()
                    run: dotnet detectionkit coverage --rules {rules} --format html --out {ResultsFolder}/coverage.html
                  - name: Upload the reports
                    if: success() || failure()
                    uses: {UploadArtifact}
                    with:
                      name: detectionkit-reports
                      path: {ResultsFolder}/
                      if-no-files-found: ignore

            """);
        return text.ToString();
    }

    private static string SettingsOption(RulesWorkflowOptions options) => options.Settings is { } settings ? $" --settings {settings}" : string.Empty;
}
