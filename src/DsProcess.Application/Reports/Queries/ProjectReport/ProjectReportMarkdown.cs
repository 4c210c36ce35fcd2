using System.Globalization;
using System.Text;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Kpis;
using DsProcess.Domain.Operations;
using DsProcess.Domain.Projects;

namespace DsProcess.Application.Reports.Queries.ProjectReport;

/// <summary>The project report as Markdown, written from the same <see cref="ProjectReportDto"/> the report page shows.</summary>
public static class ProjectReportMarkdown
{
    public const string ContentType = "text/markdown; charset=utf-8";

    /// <summary>"CHURN-report-2026-12-03.md": the project's key and the day (UTC) it was read.</summary>
    public static string FileName(ProjectReportDto report) => $"{report.Key}-report-{report.GeneratedAt.UtcDateTime:yyyy-MM-dd}.md";

    public static string Write(ProjectReportDto report)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Text(report.Name)).Append(" (").Append(report.Key).AppendLine(")").AppendLine();
        md.AppendLine($"Status: {DisplayNames.Of(report.Status)} · iteration {report.Iteration} · {Day(report.StartDate)} to {Day(report.TargetDate)} (target) · report of {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC").AppendLine();

        md.AppendLine("## Objective").AppendLine();
        md.AppendLine(string.IsNullOrWhiteSpace(report.Objective) ? "_None recorded._" : Text(report.Objective)).AppendLine();

        md.AppendLine("## Team").AppendLine();
        Table(md, ["Member", "Roles"], report.Team.Select(m => new[] { m.Name, string.Join(", ", m.Roles.Select(DisplayNames.Of)) }));

        md.AppendLine("## Phases: planned and actual").AppendLine();
        Table(md, ["Phase", "State", "Planned", "Actual"], report.Phases.Select(p => new[]
        {
            DisplayNames.Of(p.Kind),
            DisplayNames.Of(p.State),
            $"{Day(p.PlannedStart)} – {Day(p.PlannedEnd)}",
            $"{Day(p.ActualStart)} – {Day(p.ActualEnd)}",
        }));

        md.AppendLine("## Gate decisions").AppendLine();
        Table(md, ["Gate", "Iteration", "Submitted", "Decision", "Approved on"], report.Decisions.Select(d => new[]
        {
            DisplayNames.Of(d.Phase),
            d.Iteration.ToString(CultureInfo.InvariantCulture),
            $"{d.SubmittedByName}, {Day(d.SubmittedAt)}{(d.Note is { } note ? $": “{note}”" : "")}",
            $"{d.Outcome}{(d.DecidedByName is { } by ? $" ({by}, {Day(d.DecidedAt)})" : "")}",
            string.Join(", ", d.Evidence),
        }), "No gate submitted yet.");

        md.AppendLine("## Data lineage").AppendLine();
        Table(md, ["Dataset version", "Layer", "Purpose", "Governed", "Derived from"], report.Datasets.Select(d => new[]
        {
            d.Label, d.Layer.ToString(), EvidenceNames.Of(d.Purpose), d.IsGoverned ? "yes" : "no", d.DerivedFrom.Count == 0 ? "—" : string.Join(", ", d.DerivedFrom),
        }), "No dataset versions registered.");

        md.AppendLine("## Model versions against targets").AppendLine();
        md.AppendLine(report.Targets.Count == 0 ? "No metric targets set." : $"Targets: {string.Join("; ", report.Targets)}.").AppendLine();
        Table(md, ["Model version", "Stage", .. report.Targets, "Meets all"], report.Models.Select(m => (string[])
        [
            m.Name, EvidenceNames.Of(m.Stage), .. m.Results.Select(Result), m.MeetsTargets ? "yes" : "no",
        ]), "No model versions registered.");

        md.AppendLine("## Deployment, monitors and alerts").AppendLine();
        Operations(md, report);

        md.AppendLine("## Business KPIs").AppendLine();
        Table(md, ["KPI", "Baseline", "Target", "Latest", "Measured", "Result"], report.Kpis.Select(k => new[]
        {
            k.Name,
            k.Baseline is { } b ? WithUnit(b, k.Unit) : "—",
            $"{EvidenceNames.Of(k.Direction)} {WithUnit(k.Target, k.Unit)}",
            k.LatestValue is { } v ? WithUnit(v, k.Unit) : "—",
            Day(k.LatestAt),
            Result(k.Result),
        }), "No business KPIs defined.");

        md.AppendLine("## Recommendation").AppendLine();
        if (report.Recommendation is { } recommendation)
        {
            md.AppendLine($"Outcome review submitted by {Text(recommendation.SubmittedByName)} on {Day(recommendation.SubmittedAt)}{(recommendation.Note is { } note ? $": “{Text(note)}”" : ".")}").AppendLine();
            md.AppendLine($"Decision: {Text(recommendation.Outcome)}{(recommendation.DecidedByName is { } by ? $" ({Text(by)}, {Day(recommendation.DecidedAt)})" : "")}.").AppendLine();
        }
        else
        {
            md.AppendLine("_The outcome review has not been submitted yet._").AppendLine();
        }

        return md.ToString();
    }

    private static void Operations(StringBuilder md, ProjectReportDto report)
    {
        var operations = report.Operations;
        if (!operations.EverDeployed)
        {
            md.Append('_').Append(ReportOperations.NeverDeployed).AppendLine("_").AppendLine();
            if (report.InProduction.Count > 0)
            {
                md.AppendLine($"Model versions at stage In production: {Text(string.Join(", ", report.InProduction.Select(m => m.Name)))}.").AppendLine();
            }

            return;
        }

        md.AppendLine("### Deployments").AppendLine();
        Table(md, ["Model version", "Environment", "Endpoint", "Deployed", "State"], operations.Deployments.Select(d => new[]
        {
            d.ModelName, OperationsRules.Of(d.Environment), d.Endpoint, $"{d.DeployedByName}, {ReportOperations.Time(d.DeployedAt)}", d.State,
        }));

        md.AppendLine("### Pipelines").AppendLine();
        Table(md, ["Pipeline", "Last run", "State"], operations.Pipelines.Select(p => new[] { p.Name, p.LastRun, p.StateText }));

        md.AppendLine("### Monitors").AppendLine();
        Table(md, ["Model version", "Kind", "Rule", "Severity", "Rework", "State", "Last value"], operations.Monitors.Select(m => new[]
        {
            m.ModelName, OperationsRules.Of(m.Kind), m.Rule, m.Severity.ToString(), m.ReworkAfter, m.StateText, m.Latest,
        }), "No monitors.");

        md.AppendLine("### Alerts").AppendLine();
        md.AppendLine(operations.AlertCounts.Describe()).AppendLine();
        if (operations.Alerts.Count > 0)
        {
            Table(md, ["Opened", "Monitor", "Severity", "Value vs rule", "How it ended"], operations.Alerts.Select(a => new[]
            {
                ReportOperations.Time(a.OpenedAt), a.Monitor, a.Severity.ToString(), a.ValueAgainstRule, a.Ending,
            }));
        }

        if (operations.EarlierAlerts > 0)
        {
            md.AppendLine($"_And {operations.EarlierAlerts} earlier._").AppendLine();
        }
    }

    public static string Result(TargetResult result) => result switch
    {
        TargetResult.Met => "met",
        TargetResult.NotMet => "not met",
        _ => "missing",
    };

    private static string WithUnit(double value, string unit) => unit.Length == 0 ? BusinessKpi.Format(value) : $"{BusinessKpi.Format(value)} {unit}";

    private static void Table(StringBuilder md, IReadOnlyList<string> header, IEnumerable<string[]> rows, string? empty = null)
    {
        var list = rows.ToList();
        if (list.Count == 0 && empty is not null)
        {
            md.Append('_').Append(empty).AppendLine("_").AppendLine();
            return;
        }

        md.Append("| ").AppendJoin(" | ", header.Select(Cell)).AppendLine(" |");
        md.Append('|').AppendJoin('|', header.Select(_ => " --- ")).AppendLine("|");
        foreach (var row in list)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }

        md.AppendLine();
    }

    // A cell stays one cell: pipes escaped, line breaks as spaces.
    private static string Cell(string text) => Text(text).Replace("|", "\\|", StringComparison.Ordinal);

    // Text typed by people is one paragraph of plain text: no HTML, no line breaks that would end a table or list.
    private static string Text(string text) => text
        .Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ')
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
