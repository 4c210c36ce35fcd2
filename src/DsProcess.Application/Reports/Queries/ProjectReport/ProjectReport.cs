using DsProcess.Application.Common.Exceptions;
using DsProcess.Application.Common.Interfaces;
using DsProcess.Application.Common.Security;
using DsProcess.Application.Kpis.Queries.ProjectKpis;
using DsProcess.Application.Projects;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Projects;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Application.Reports.Queries.ProjectReport;

/// <summary>
/// One project's report, assembled from what DsProcess holds: objective, team, phases planned against actual, gate
/// decisions with the evidence they approved, dataset lineage, model versions against their targets, the versions in
/// production, their deployments, pipelines, monitors and alerts, business KPIs and the outcome review's recommendation. The report page and its Markdown download both
/// read this one query.
/// </summary>
public sealed record ProjectReportQuery(string Key) : IQuery<ProjectReportDto>;

/// <param name="GeneratedAt">When the report was read (UTC).</param>
/// <param name="InProduction">The model versions at stage "In production" (the stage, whether or not a deployment was recorded).</param>
/// <param name="Operations">The "Deployment, monitors and alerts" section: deployments, pipelines, monitors and alerts.</param>
/// <param name="Recommendation">The latest outcome review (Business Analysis gate), if one was submitted.</param>
public sealed record ProjectReportDto(
    Guid ProjectId,
    string Key,
    string Name,
    string Objective,
    ProjectStatus Status,
    int Iteration,
    DateOnly StartDate,
    DateOnly TargetDate,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportMember> Team,
    IReadOnlyList<ReportPhase> Phases,
    IReadOnlyList<ReportDecision> Decisions,
    IReadOnlyList<ReportDatasetVersion> Datasets,
    IReadOnlyList<string> Targets,
    IReadOnlyList<ReportModelVersion> Models,
    IReadOnlyList<ReportModelVersion> InProduction,
    ReportOperations Operations,
    IReadOnlyList<KpiRow> Kpis,
    ReportDecision? Recommendation);

public sealed record ReportMember(string Name, IReadOnlyList<ProjectRole> Roles);

public sealed record ReportPhase(PhaseKind Kind, PhaseState State, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTimeOffset? ActualStart, DateTimeOffset? ActualEnd, int Iteration);

/// <param name="Outcome">What the decision did, in words ("Approved: complete the project", "Sent back: …"); "Awaiting decision" while open.</param>
/// <param name="Evidence">The dataset and model versions an approval was given on.</param>
public sealed record ReportDecision(
    PhaseKind Phase,
    int Iteration,
    string SubmittedByName,
    DateTimeOffset SubmittedAt,
    string? Note,
    GateDecision? Decision,
    string Outcome,
    string? DecidedByName,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<string> Evidence);

/// <param name="Label">The dataset's name and the version's label ("customers_silver v2").</param>
/// <param name="DerivedFrom">The labels of the versions it was derived from (its lineage).</param>
public sealed record ReportDatasetVersion(string Label, DataLayer Layer, DatasetPurpose Purpose, bool IsGoverned, IReadOnlyList<string> DerivedFrom, DateTimeOffset RegisteredAt);

/// <param name="Results">One per target of <see cref="ProjectReportDto.Targets"/>, in that order.</param>
public sealed record ReportModelVersion(string Name, ModelStage Stage, bool MeetsTargets, IReadOnlyList<TargetResult> Results, IReadOnlyList<string> TrainedOn, DateTimeOffset RegisteredAt);

public sealed class ProjectReportQueryHandler(IAppDbContext db, Access access, TimeProvider clock) : IQueryHandler<ProjectReportQuery, ProjectReportDto>
{
    public async ValueTask<ProjectReportDto> Handle(ProjectReportQuery query, CancellationToken cancellationToken)
    {
        var person = await access.PersonAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking()
            .WithKey(query.Key)
            .Select(p => new
            {
                p.Id,
                p.Key,
                p.Name,
                p.Objective,
                p.Status,
                p.Iteration,
                p.StartDate,
                p.TargetDate,
                Roles = db.Members.Where(m => m.ProjectId == p.Id && m.PersonId == person.Id).Select(m => m.Roles).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Project", query.Key);
        access.Standing(person, project.Id, project.Roles);

        // One lookup by project per part, none joined to another collection, so nothing multiplies rows.
        var team = await db.Members.AsNoTracking()
            .Where(m => m.ProjectId == project.Id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { p.DisplayName, m.Roles })
            .ToListAsync(cancellationToken);
        var phases = await db.Phases.AsNoTracking()
            .Where(p => p.ProjectId == project.Id)
            .OrderBy(p => p.Kind)
            .Select(p => new ReportPhase(p.Kind, p.State, p.PlannedStart, p.PlannedEnd, p.ActualStart, p.ActualEnd, p.Iteration))
            .ToListAsync(cancellationToken);
        var reviews = await db.GateReviews.AsNoTracking()
            .Where(r => r.ProjectId == project.Id)
            .OrderBy(r => r.SubmittedAt)
            .ToListAsync(cancellationToken);
        var datasets = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.ProjectId == project.Id)
            .Join(db.Datasets, v => v.DatasetId, d => d.Id, (v, d) => new { Version = v, Dataset = d.Name })
            .ToListAsync(cancellationToken);
        var targets = await db.MetricTargets.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken);
        targets = [.. targets.OrderBy(t => EvidenceRules.MetricKey(t.Metric), StringComparer.Ordinal).ThenBy(t => t.Split)];
        var models = await db.ModelVersions.AsNoTracking()
            .Where(m => m.ProjectId == project.Id)
            .OrderBy(m => m.RegisteredAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var operations = await ReportOperations.OfProjectAsync(db, project.Id, cancellationToken);
        var kpis = await KpiRow.OfProjectAsync(db, project.Id, cancellationToken);

        var labels = datasets.ToDictionary(d => d.Version.Id, d => $"{d.Dataset} {d.Version.Label}");
        var datasetRows = datasets
            .OrderBy(d => d.Version.Layer).ThenBy(d => d.Version.RegisteredAt)
            .Select(d => new ReportDatasetVersion(
                labels[d.Version.Id], d.Version.Layer, d.Version.Purpose, d.Version.IsGoverned,
                [.. d.Version.DerivedFrom.Select(id => labels.GetValueOrDefault(id, "?"))], d.Version.RegisteredAt))
            .ToList();
        var modelRows = models
            .Select(m => new ReportModelVersion(
                m.DisplayName, m.Stage, m.MeetsTargets, [.. targets.Select(t => t.EvaluateFor(m.Metrics))],
                [.. m.TrainedOn.Select(id => labels.GetValueOrDefault(id, "?"))], m.RegisteredAt))
            .ToList();
        var decisions = reviews.Select(Decision).ToList();

        return new ProjectReportDto(
            project.Id,
            project.Key,
            project.Name,
            project.Objective,
            project.Status,
            project.Iteration,
            project.StartDate,
            project.TargetDate,
            clock.GetUtcNow(),
            [.. team.OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).Select(m => new ReportMember(m.DisplayName, [.. m.Roles.Order()]))],
            phases,
            decisions,
            datasetRows,
            [.. targets.Select(t => t.Describe())],
            modelRows,
            [.. modelRows.Where(m => m.Stage == ModelStage.InProduction)],
            operations,
            kpis,
            decisions.LastOrDefault(d => d.Phase == PhaseKind.BusinessAnalysis));
    }

    private static ReportDecision Decision(GateReview review) => new(
        review.Phase,
        review.Iteration,
        review.SubmittedByName,
        review.SubmittedAt,
        review.Note,
        review.Decision,
        review.Decision switch
        {
            null => "Awaiting decision",
            GateDecision.Approved => $"Approved: {OutcomeText(review.Outcome)}",
            _ when GateOutcomes.IteratesFrom(review.Outcome) is { } to => $"Sent back to {DisplayNames.Of(to)}: {review.DecisionReason}",
            _ => $"Sent back: {review.DecisionReason}",
        },
        review.DecidedByName,
        review.DecidedAt,
        [.. review.ApprovedEvidence.Select(e => e.Label)]);

    private static string OutcomeText(GateOutcome? outcome) => outcome switch
    {
        GateOutcome.CompleteProject => "complete the project",
        _ when GateOutcomes.IteratesFrom(outcome) is { } from => $"a new iteration from {DisplayNames.Of(from)}",
        _ => "on to the next phase",
    };
}
