using System.Globalization;
using System.Text;
using CsvHelper;
using DsProcess.Application.Gates.Commands.SubmitGate;
using DsProcess.Application.Projects.Commands.CreateProject;
using DsProcess.Application.Tasks.Commands.AssignTask;
using DsProcess.Application.Tasks.Commands.PlanTask;
using DsProcess.Domain.People;
using DsProcess.Domain.Projects;
using DsProcess.Web.Endpoints;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Web.Tests;

/// <summary>Every CSV export opens in a spreadsheet as text: a cell that would run as a formula is escaped; numbers stay numbers.</summary>
public sealed class CsvExportTests(ServedAppFixture app, Browser browser) : BrowserTests(app, browser)
{
    private const string Formula = "=HYPERLINK(\"http://x\",\"y\")";
    private const string Command = "+cmd";
    private const string Assignee = "@Mallory Formula";

    [Fact]
    public void Text_starting_a_formula_is_escaped_while_numbers_dates_and_plain_text_are_written_as_they_are()
    {
        var result = (FileContentHttpResult)Csv.File("t.csv", ["text", "number", "at_utc", "day"],
        [
            Csv.Row("=1+2", -5, new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.FromHours(2)), new DateOnly(2026, 3, 1)),
            Csv.Row("+cmd", -2.5, null, null),
            Csv.Row("-x", 0, null, null),
            Csv.Row("@me", 3, null, null),
            Csv.Row("\tTab", 1, null, null),
            Csv.Row("\rCR", 2, null, null),
            Csv.Row("a, \"b\"", 4, null, null),
        ]);

        Assert.Equal("text/csv; charset=utf-8", result.ContentType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), result.FileContents.ToArray()[..3]);
        Assert.Equal(
            "text,number,at_utc,day\r\n" +
            "\"'=1+2\",-5,2026-03-01T12:30:00Z,2026-03-01\r\n" +
            "\"'+cmd\",-2.5,,\r\n" +
            "\"'-x\",0,,\r\n" +
            "\"'@me\",3,,\r\n" +
            "\"'\tTab\",1,,\r\n" +
            "\"'\rCR\",2,,\r\n" +
            "\"a, \"\"b\"\"\",4,,\r\n",
            Encoding.UTF8.GetString(result.FileContents.Span[3..]));
    }

    [Fact]
    public async Task A_formula_in_a_task_title_a_project_name_or_a_persons_name_downloads_as_text_from_every_export()
    {
        // A project named +cmd whose task titled as a formula is overdue, assigned to "@Mallory" and handed over to
        // (so it waits as a handoff); a second +cmd project waits for a gate decision.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var project = await App.CreateProjectAsync(name: Command);
        var mallory = await App.CreateMemberAsync(project.Id, Assignee, ProjectRole.DataScientist);
        var task = await App.TaskAsync(project.Key, "Feature engineering");
        await App.SendAsync(new PlanTaskCommand { TaskId = task.Id, Version = task.Version, Title = Formula, PlannedStart = today.AddDays(-10), Due = today.AddDays(-3) });
        task = await App.TaskAsync(project.Key, Formula);
        await App.SendAsync(new AssignTaskCommand(task.Id, task.Version, mallory.Id));
        await App.FinishAsync(project.Key, "Data collection");
        await App.FinishAsync(project.Key, "Data preprocessing");
        var gated = await App.CreateProjectAsync(name: Command);
        await App.FinishRequiredTasksAsync(gated.Key, PhaseKind.DataDevelopment);
        await App.SendAsync(new SubmitGateCommand(gated.Id, PhaseKind.DataDevelopment));
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();"));
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, await App.CreatePersonAsync("Ada Exporter", SystemRole.Admin));

        var exports = new Dictionary<string, string[]>
        {
            [$"/export/projects/{project.Key}/timeline.csv"] = [Formula],
            ["/export/dashboard/projects.csv"] = [Command],
            ["/export/dashboard/gates.csv"] = [Command],
            ["/export/dashboard/handoffs.csv"] = [Formula],
            ["/export/dashboard/overdue-tasks.csv"] = [Formula, Assignee],
            ["/export/dashboard/flow.csv?period=365"] = [],
            ["/export/dashboard/roles.csv"] = [],
            ["/export/dashboard/people.csv"] = [Assignee],
        };
        foreach (var (address, hostile) in exports)
        {
            var response = await page.APIRequest.GetAsync(address);
            Assert.True(response.Status == 200, $"{address}: HTTP {response.Status}");
            var cells = Cells(await response.BodyAsync());

            foreach (var text in hostile)
            {
                Assert.True(cells.Contains("'" + text), $"{address} has no escaped cell '{text}'.");
            }

            Assert.All(cells, cell => Assert.True(OpensAsTextOrNumber(cell), $"{address}: the cell {cell} would run as a formula."));
            Assert.All(cells, cell => Assert.False(IsEscapedNumber(cell), $"{address}: the number {cell} was escaped."));
        }
    }

    [Fact]
    public async Task A_team_lead_exports_only_the_projects_whose_team_they_are_on()
    {
        var others = await App.CreateProjectAsync(name: "Not Tina's");
        var tina = await App.CreatePersonAsync("Tina Lead", SystemRole.TeamLead);
        var own = await App.SendAsync(new CreateProjectCommand { Name = "Tina's own", Key = Keys.Next("T"), TargetDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60) }, tina);
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("SELECT dashboard_refresh_all()"));
        var page = await OpenAsync(Browser.Wide);
        await Browser.SignInAsync(page, tina);

        var cells = Cells(await (await page.APIRequest.GetAsync("/export/dashboard/projects.csv")).BodyAsync());

        Assert.Contains(own.Key, cells);
        Assert.DoesNotContain(others.Key, cells);
    }

    private static List<string> Cells(byte[] body)
    {
        using var csv = CsvReader.Create(body, CsvReaderOptions.Default with { HasHeader = false });
        var cells = new List<string>();
        while (csv.Read())
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                cells.Add(csv.GetString(i));
            }
        }

        return cells;
    }

    private static bool OpensAsTextOrNumber(string cell) =>
        cell.Length == 0 || !"=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) || IsNumber(cell);

    private static bool IsEscapedNumber(string cell) => cell.StartsWith('\'') && IsNumber(cell[1..]);

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
