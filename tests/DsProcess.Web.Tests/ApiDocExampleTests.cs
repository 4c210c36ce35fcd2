using System.Diagnostics;
using System.Text.RegularExpressions;
using DsProcess.Application.Evidence.Models.Queries.ProjectModels;
using DsProcess.Application.Gates.Queries.AutomaticCriteria;
using DsProcess.Domain.Projects;

namespace DsProcess.Web.Tests;

/// <summary>The worked examples of docs/api.md, run as a reader would run them, against the app served over HTTP.</summary>
public sealed partial class ApiDocExampleTests(ServedAppFixture app) : IClassFixture<ServedAppFixture>
{
    [Fact]
    public async Task The_python_training_script_registers_a_model_version_that_meets_the_target_and_turns_the_gate_criterion_green()
    {
        var board = await app.CreateProjectAsync(key: "CHURN", withEvidence: false);
        var (_, training, test) = await app.AddGovernedDataAsync(board.Id);
        await app.AddTargetAsync(board.Id, "recall", atLeast: 0.8);
        var token = await app.CreateServiceTokenAsync(board.Id, ProjectRole.DataScientist, name: "training pipeline");
        Assert.DoesNotContain(await CriteriaAsync(board.Id), c => c.IsMet);

        var (exitCode, output) = await RunPythonAsync(Snippet("A training script registers its model version"), new()
        {
            ["DSPROCESS_API"] = new Uri(app.BaseAddress, "/api/v1").ToString(),
            ["DSPROCESS_TOKEN"] = token,
            ["TRAIN_VERSION_ID"] = training.ToString(),
            ["TEST_VERSION_ID"] = test.ToString(),
            ["GITHUB_SHA"] = "3f2c9a1b7d4e5f60",
        });

        Assert.True(exitCode == 0, output);
        var id = Guid.Parse(Assert.Single(RegisteredLine().Matches(output)).Groups[1].Value);
        var models = await app.SendAsync(new ProjectModelsQuery(board.Key));
        var version = Assert.Single(models.Versions);
        Assert.Equal((id, "3f2c9a1b7d4e", true), (version.Id, version.Label, version.MeetsTargets));
        Assert.All(await CriteriaAsync(board.Id), c => Assert.True(c.IsMet, c.Detail));
    }

    private Task<IReadOnlyList<AutomaticCriterionDto>> CriteriaAsync(Guid projectId) =>
        app.SendAsync(new AutomaticCriteriaQuery(projectId, PhaseKind.ModelDevelopment));

    /// <summary>The first code block under the docs heading that starts with <paramref name="heading"/>.</summary>
    private static string Snippet(string heading)
    {
        var doc = File.ReadAllText(Path.Combine(Measurements.RepositoryRoot(), "docs", "api.md"));
        var section = doc[doc.IndexOf("### " + heading, StringComparison.Ordinal)..];
        return CodeBlock().Match(section).Groups[1].Value;
    }

    private static async Task<(int ExitCode, string Output)> RunPythonAsync(string code, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("python3", "-") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var python = Process.Start(start)!;
        await python.StandardInput.WriteAsync(code);
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = python.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await python.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (python.ExitCode, await output + await errors);
    }

    [GeneratedRegex("```[a-z]+\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex("^registered ([0-9a-f-]{36})$", RegexOptions.Multiline)]
    private static partial Regex RegisteredLine();
}
