using DsProcess.Application.Common.Interfaces;
using DsProcess.Domain.Common;
using DsProcess.Domain.Evidence;
using DsProcess.Domain.Gates;
using DsProcess.Domain.Handoffs;
using DsProcess.Domain.Kpis;
using DsProcess.Domain.Operations;
using DsProcess.Domain.People;
using DsProcess.Domain.Playbooks;
using DsProcess.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Infrastructure.Data.Seeding;

/// <summary>
/// One account per role and a handful of projects at different phases with a plausible history (tasks done by
/// the people holding their roles, handoffs, gates submitted and decided), for trying the app out. Never seeded
/// unless configured; the passwords are public (README).
/// </summary>
internal sealed class DemoData
{
    public static readonly DemoAccount[] Accounts =
    [
        new("admin@dsprocess.local", "Ada Admin", SystemRole.Admin, null, "Admin-demo-2026"),
        new("lead@dsprocess.local", "Lea Lead", SystemRole.TeamLead, ProjectRole.TeamLead, "Lead-demo-2026"),
        new("engineer@dsprocess.local", "Dan Engineer", SystemRole.Member, ProjectRole.DataEngineer, "Engineer-demo-2026"),
        new("scientist@dsprocess.local", "Sara Scientist", SystemRole.Member, ProjectRole.DataScientist, "Scientist-demo-2026"),
        new("mlengineer@dsprocess.local", "Milo Ops", SystemRole.Member, ProjectRole.MLEngineer, "MLEngineer-demo-2026"),
        new("viewer@dsprocess.local", "Vera Viewer", SystemRole.Viewer, null, "Viewer-demo-2026"),
    ];

    private readonly Dictionary<ProjectRole, Actor> _team;
    private readonly List<GateReview> _reviews = [];
    private readonly List<Handoff> _handoffs = [];
    private readonly Dictionary<Guid, DemoEvidence> _evidence = [];
    private readonly List<Deployment> _deployments = [];
    private readonly List<Pipeline> _pipelines = [];
    private readonly List<ModelMonitor> _monitors = [];
    private readonly List<Signal> _signals = [];
    private readonly List<Alert> _alerts = [];
    private readonly DateTimeOffset _now;
    private DateTimeOffset _clock;
    private TimeSpan _step;

    private DemoData(Dictionary<ProjectRole, Actor> team, DateTimeOffset now)
    {
        _team = team;
        _now = now;
    }

    private Actor Lead => _team[ProjectRole.TeamLead];

    public static async Task<int> SeedAsync(AppDbContext db, IIdentityService identity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var team = new Dictionary<ProjectRole, Actor>();
        foreach (var account in Accounts)
        {
            var id = await identity.CreateUserAsync(account.Email, account.Name, account.SystemRole, account.Password, Actor.System, cancellationToken);
            if (account.ProjectRole is { } role)
            {
                team[role] = new Actor(id, account.Name);
            }
        }

        var demo = new DemoData(team, now);
        var playbook = await db.Playbooks.SingleAsync(p => p.Id == DefaultPlaybook.Id, cancellationToken);
        DemoProject[] projects =
        [
            new("DEMAND", "Store demand forecast", "Forecast weekly demand per store to cut stock-outs by 20%.", StartedDaysAgo: 12, LengthDays: 120, PassedGates: 0, FinishedInActive: 1),
            new("CHURN", "Customer churn prediction", "Flag customers likely to cancel in the next 60 days so retention can call them first.", StartedDaysAgo: 50, LengthDays: 150, PassedGates: 1, FinishedInActive: 2),
            new("FRAUD", "Card fraud detection", "Score card transactions in real time and stop the riskiest for review.", StartedDaysAgo: 110, LengthDays: 140, PassedGates: 2, FinishedInActive: 3),
            new("SHELF", "Shelf image recognition", "Recognise empty shelf spots from store camera images.", StartedDaysAgo: 160, LengthDays: 150, PassedGates: 3, FinishedInActive: 5),
            new("PRICE", "Markdown price optimisation", "Recommend markdown prices that clear seasonal stock with the least margin loss.", StartedDaysAgo: 200, LengthDays: 180, PassedGates: 4, FinishedInActive: 0),
        ];

        // Phases and tasks are stored first: the gate reviews and handoffs point at them and they point back.
        var created = projects.Select(spec => demo.Start(playbook, spec)).ToList();
        db.Projects.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (project, spec) in created.Zip(projects))
        {
            demo.Progress(project, spec);
            demo.Operate(project);
        }

        db.GateReviews.AddRange(demo._reviews);
        db.Handoffs.AddRange(demo._handoffs);
        foreach (var evidence in demo._evidence.Values)
        {
            db.Datasets.AddRange(evidence.Datasets);
            db.DatasetVersions.AddRange(evidence.Versions);
            db.Experiments.AddRange(evidence.Experiments);
            db.MetricTargets.AddRange(evidence.Targets);
            db.ModelVersions.AddRange(evidence.Models);
        }

        db.Kpis.AddRange(created.SelectMany(demo.Kpis));
        await db.SaveChangesAsync(cancellationToken);
        db.Deployments.AddRange(demo._deployments);
        db.Pipelines.AddRange(demo._pipelines);
        db.Monitors.AddRange(demo._monitors);
        db.Signals.AddRange(demo._signals);
        db.Alerts.AddRange(demo._alerts);
        await db.SaveChangesAsync(cancellationToken);
        return projects.Length;
    }

    private Project Start(Playbook playbook, DemoProject spec)
    {
        RewindClock(spec);
        var startDate = DateOnly.FromDateTime(_clock.UtcDateTime);
        var project = Project.CreateFromPlaybook(playbook, spec.Key, spec.Name, spec.Objective, startDate, startDate.AddDays(spec.LengthDays), Lead, _clock);
        foreach (var (role, person) in _team.Where(t => t.Key != ProjectRole.TeamLead))
        {
            project.AddMember(person.UserId!.Value, person.Name, [role], Lead, _clock);
        }

        return project;
    }

    private void Progress(Project project, DemoProject spec)
    {
        RewindClock(spec);
        var (key, passedGates, finishedInActive) = (spec.Key, spec.PassedGates, spec.FinishedInActive);
        for (var gate = 0; gate < passedGates; gate++)
        {
            var phase = project.Phases.Single(p => p.State == PhaseState.Active);
            foreach (var task in phase.Tasks)
            {
                if (task.IsOptional)
                {
                    task.MarkNotApplicable("Not needed for this use case.", Lead, Next());
                }
                else
                {
                    Finish(project, task);
                }
            }

            Produce(project, phase.Kind, complete: true);
            PassGate(project, phase, rejectFirst: key == "FRAUD" && gate == 0);
        }

        if (project.Status != ProjectStatus.Active)
        {
            AcknowledgeHandoffs(project);
            return;
        }

        var active = project.Phases.Single(p => p.State == PhaseState.Active);
        Produce(project, active.Kind, complete: false);
        foreach (var task in active.Tasks.Where(t => t.AssigneeId is null && _team.ContainsKey(t.ResponsibleRole)))
        {
            var owner = _team[task.ResponsibleRole];
            task.Assign(owner.UserId, owner.Name, [task.ResponsibleRole], null, Lead, _clock);
        }

        var required = active.Tasks.Where(t => !t.IsOptional).ToList();
        foreach (var task in required.Take(finishedInActive))
        {
            Finish(project, task);
        }

        var next = required.Skip(finishedInActive).FirstOrDefault();
        if (next is null)
        {
            // Everything is done: the gate waits for its decision.
            foreach (var criterion in active.Gate)
            {
                active.SetGateCriterion(criterion.Number, met: true, Worker(active), Next());
            }

            _reviews.Add(project.SubmitGate(active.Kind, "All outcomes presented; recommending a second iteration from Model Development.", Automatic(project, active), Worker(active), Next()));
        }
        else
        {
            var worker = _team[next.ResponsibleRole];
            next.Start(worker, Next());
            next.SetChecklistItem(1, done: true, worker, Next());
            if (key == "DEMAND")
            {
                next.Block("Waiting for access to the point-of-sale database.", worker, Next());
            }
        }

        AcknowledgeHandoffs(project);
    }

    private void Finish(Project project, ProjectTask task)
    {
        var worker = _team[task.ResponsibleRole];
        task.Start(worker, Next());
        foreach (var item in task.Checklist.Where(i => i.IsRequired))
        {
            task.SetChecklistItem(item.Number, done: true, worker, _clock);
        }

        task.MarkDone([$"https://git.example.com/{project.Key.ToLowerInvariant()}/{task.Order}"], worker, Next());
        if (project.HandOffAfter(task, $"{task.Title} is done; notes are in the linked repository.", task.Evidence, worker, _clock) is { } handoff)
        {
            _handoffs.Add(handoff);
        }
    }

    /// <summary>The receivers took over all earlier work a few hours later; the newest handoff of a running project still waits.</summary>
    private void AcknowledgeHandoffs(Project project)
    {
        var handoffs = _handoffs.Where(h => h.ProjectId == project.Id).ToList();
        var waiting = project.Status == ProjectStatus.Active ? handoffs.LastOrDefault() : null;
        foreach (var handoff in handoffs.Where(h => h != waiting))
        {
            var receiving = project.Phases.SelectMany(p => p.Tasks).Single(t => t.Id == handoff.ToTaskId);
            receiving.Acknowledge(handoff, _team.GetValueOrDefault(handoff.ToRole, Lead), handoff.HandedOverAt.AddHours(5));
        }
    }

    private void PassGate(Project project, ProjectPhase phase, bool rejectFirst)
    {
        foreach (var criterion in phase.Gate)
        {
            phase.SetGateCriterion(criterion.Number, met: true, Worker(phase), Next());
        }

        var review = project.SubmitGate(phase.Kind, $"{phase.Name} is complete.", Automatic(project, phase), Worker(phase), Next());
        _reviews.Add(review);
        if (rejectFirst)
        {
            project.RejectGate(review, "The lineage of the training labels is not recorded yet.", Lead, Next());
            phase.SetGateCriterion(phase.Gate[^1].Number, met: false, Worker(phase), Next());
            phase.SetGateCriterion(phase.Gate[^1].Number, met: true, Worker(phase), Next());
            review = project.SubmitGate(phase.Kind, "Lineage recorded in the catalogue.", Automatic(project, phase), Worker(phase), Next());
            _reviews.Add(review);
        }

        project.ApproveGate(review, project.IsLastPhase(phase.Kind) ? GateOutcome.CompleteProject : GateOutcome.NextPhase, Automatic(project, phase), Lead, Next());
    }

    private IReadOnlyList<AutomaticCriterion> Automatic(Project project, ProjectPhase phase) =>
        GateEvidence.Evaluate(phase.AutomaticCriteria, Evidence(project).AsProjectEvidence());

    /// <summary>
    /// Business KPIs with weekly values since go-live, read at the outcome review: PRICE (completed) meets both of its
    /// KPIs; SHELF (in Business Analysis) meets one of two.
    /// </summary>
    private IEnumerable<BusinessKpi> Kpis(Project project) => project.Key switch
    {
        "PRICE" =>
        [
            WeeklyKpi(project, new("Margin lost to markdowns", "%", 18, 12, TargetDirection.AtMost), [17.4, 15.1, 12.9, 11.6, 11.2]),
            WeeklyKpi(project, new("Seasonal stock cleared", "%", 71, 85, TargetDirection.AtLeast), [74, 79, 83.5, 86.2, 88.1]),
        ],
        "SHELF" =>
        [
            WeeklyKpi(project, new("On-shelf availability", "%", 92.5, 96, TargetDirection.AtLeast), [93.1, 94.2, 94.8, 95.3]),
            WeeklyKpi(project, new("Empty-shelf alerts handled within an hour", "%", 40, 75, TargetDirection.AtLeast), [52, 66, 71, 78]),
        ],
        _ => [],
    };

    private BusinessKpi WeeklyKpi(Project project, KpiDefinition definition, double[] weekly)
    {
        var defined = _now.AddDays((-7 * weekly.Length) - 3);
        var kpi = BusinessKpi.Define(project.Id, definition, Lead, defined);
        for (var week = 0; week < weekly.Length; week++)
        {
            var measured = _now.AddDays(-7 * (weekly.Length - week - 1)).AddHours(-6);
            kpi.RecordValue(weekly[week], measured, $"Week {week + 1} after go-live, from the sales warehouse", _team[ProjectRole.DataScientist], measured);
        }

        return kpi;
    }

    private DemoEvidence Evidence(Project project) =>
        _evidence.TryGetValue(project.Id, out var evidence) ? evidence : _evidence[project.Id] = new DemoEvidence(project.Id, project.Key.ToLowerInvariant());

    /// <summary>
    /// The evidence a phase produces. Data Development: raw data in Bronze, curated Silver with its quality checks,
    /// Gold features and train/validation/test splits (a running one has only Bronze and a Silver version with a
    /// failed check). Model Development: targets, an experiment and three model versions, the third meeting the
    /// targets. Production Deployment: that version approved and deployed.
    /// </summary>
    private void Produce(Project project, PhaseKind phase, bool complete)
    {
        var evidence = Evidence(project);
        var name = project.Key.ToLowerInvariant();
        var engineer = _team[ProjectRole.DataEngineer];
        var scientist = _team[ProjectRole.DataScientist];
        switch (phase)
        {
            case PhaseKind.DataDevelopment:
                var raw = evidence.Register($"{name}-raw", DataLayer.Bronze, DatasetPurpose.Source, "v1", 1_250_000, [], engineer, Next());
                var curated = evidence.Register($"{name}-curated", DataLayer.Silver, DatasetPurpose.Curated, "v1", 1_180_000, [raw], engineer, Next());
                curated.RecordQuality(
                    [new QualityCheck("Keys are unique", true, 0), new QualityCheck("No nulls in required columns", complete, complete ? 0 : 4_210), new QualityCheck("Dates within the source's range", true, 0)],
                    piiRemoved: true,
                    "Names and e-mail addresses dropped; customer ids hashed",
                    $"https://catalogue.example.com/{name}/curated/v1/profile",
                    [ProjectRole.DataScientist, ProjectRole.MLEngineer],
                    $"{name}-curated",
                    engineer,
                    Next());
                if (complete)
                {
                    var features = evidence.Register($"{name}-features", DataLayer.Gold, DatasetPurpose.Features, "v1", 1_180_000, [curated], scientist, Next());
                    evidence.Register($"{name}-train", DataLayer.Gold, DatasetPurpose.TrainingSplit, "v1", 826_000, [features], scientist, Next());
                    evidence.Register($"{name}-validation", DataLayer.Gold, DatasetPurpose.ValidationSplit, "v1", 177_000, [features], scientist, Next());
                    evidence.Register($"{name}-test", DataLayer.Gold, DatasetPurpose.TestSplit, "v1", 177_000, [features], scientist, Next());
                }

                break;
            case PhaseKind.ModelDevelopment:
                evidence.Targets.Add(MetricTarget.Set(project.Id, "recall", MetricSplit.Test, TargetDirection.AtLeast, 0.8, scientist, Next()));
                evidence.Targets.Add(MetricTarget.Set(project.Id, "precision", MetricSplit.Test, TargetDirection.AtLeast, 0.7, scientist, Next()));
                var experiment = Experiment.Start(project.Id, "Baseline against boosted trees", "Boosted trees catch more positives than a linear baseline at the same precision.", "Logistic regression, then gradient boosting", scientist, Next());
                evidence.Experiments.Add(experiment);
                evidence.Model(experiment, "v1", "Logistic regression", recall: 0.71, precision: 0.74, scientist, Next());
                evidence.Model(experiment, "v2", "Gradient boosting", recall: 0.79, precision: 0.68, scientist, Next());
                evidence.Model(experiment, "v3", "Gradient boosting, tuned", recall: 0.84, precision: 0.76, scientist, Next());
                break;
            case PhaseKind.ProductionDeployment when complete:
                var chosen = evidence.Models.Single(m => m.MeetsTargets);
                chosen.MoveTo(ModelStage.Approved, "Meets every target on the hold-out split.", Lead, Next());
                chosen.MoveTo(ModelStage.InProduction, "Served by the prediction service.", _team[ProjectRole.MLEngineer], Next());
                break;
        }
    }

    /// <summary>
    /// A completed project whose model is in production runs it: deployed five weeks ago, its three pipelines running, and
    /// watched by two monitors.
    /// The model's error rose above its threshold two weeks in and recovered; its input data drifts now (an open alert).
    /// </summary>
    private void Operate(Project project)
    {
        if (project.Status != ProjectStatus.Completed
            || _evidence.GetValueOrDefault(project.Id)?.Models.FirstOrDefault(m => m.Stage == ModelStage.InProduction) is not { } model)
        {
            return;
        }

        var engineer = _team[ProjectRole.MLEngineer];
        var deployedAt = _now.AddDays(-35);
        _deployments.Add(Deployment.Record(model, DeploymentEnvironment.Production, $"https://scoring.example.com/{project.Key.ToLowerInvariant()}/{model.Label}", engineer, deployedAt));
        project.ReflectOperation(liveInProduction: true, engineer, deployedAt);
        Run(project, PipelineKind.DevOps, PipelineState.Succeeded, deployedAt, $"Deployed {model.Label} to production");
        Run(project, PipelineKind.ML, PipelineState.Succeeded, _now.AddDays(-2), "Weekly retraining check: the model in production is kept");
        Run(project, PipelineKind.Data, PipelineState.Succeeded, _now.AddHours(-6), "Nightly load of sales and stock");
        Watch(model, MonitorKind.ModelPerformance, new MonitorSettings("mape", TargetDirection.AtMost, 0.12, AlertSeverity.Warning), deployedAt, [0.09, 0.10, 0.14, 0.15, 0.11, 0.10]);
        Watch(model, MonitorKind.DataDrift, new MonitorSettings("psi_basket_size", TargetDirection.AtMost, 0.2, AlertSeverity.Critical), deployedAt, [0.06, 0.08, 0.09, 0.12, 0.17, 0.26]);
    }

    private void Run(Project project, PipelineKind kind, PipelineState state, DateTimeOffset at, string note)
    {
        var pipeline = Pipeline.Start(project.Id, kind);
        pipeline.RecordRun(state, at, note, link: null, _team[ProjectRole.MLEngineer], at);
        _pipelines.Add(pipeline);
    }

    /// <summary>A monitor on the model with a reading every five and a half days since it was deployed, judged as they came.</summary>
    private void Watch(ModelVersion model, MonitorKind kind, MonitorSettings settings, DateTimeOffset deployedAt, double[] readings)
    {
        var engineer = _team[ProjectRole.MLEngineer];
        var monitor = ModelMonitor.Add(model, deployed: true, kind, settings, engineer, deployedAt);
        _monitors.Add(monitor);
        Alert? current = null;
        for (var i = 0; i < readings.Length; i++)
        {
            var at = deployedAt.AddDays(5.5 * (i + 1));
            var judged = monitor.Judge(readings[i], at, current, engineer, at);
            _signals.Add(judged.Signal);
            if (judged.Opened is { } opened)
            {
                _alerts.Add(opened);
            }

            current = judged.Opened ?? (judged.Closed is null ? current : null);
        }
    }

    /// <summary>
    /// Back to the project's start; its history is spread over the time since: about 16 steps per passed phase,
    /// 2 per finished task.
    /// </summary>
    private void RewindClock(DemoProject spec)
    {
        _clock = _now.AddDays(-spec.StartedDaysAgo);
        _step = TimeSpan.FromHours(Math.Max(1, spec.StartedDaysAgo * 24.0 / ((spec.PassedGates * 16) + (spec.FinishedInActive * 2) + 8)));
    }

    /// <summary>Who submits a phase: the holder of the role owning its first task.</summary>
    private Actor Worker(ProjectPhase phase) => _team[phase.Tasks[0].ResponsibleRole];

    // Walk through history a step at a time, never past now, so timestamps look like real work.
    private DateTimeOffset Next() => _clock = _clock + _step < _now ? _clock + _step : _now;
}

/// <summary>One demo project's datasets, versions, experiments, targets and model versions, built as its history is.</summary>
internal sealed class DemoEvidence(Guid projectId, string prefix)
{
    public List<Dataset> Datasets { get; } = [];

    public List<DatasetVersion> Versions { get; } = [];

    public List<Experiment> Experiments { get; } = [];

    public List<MetricTarget> Targets { get; } = [];

    public List<ModelVersion> Models { get; } = [];

    public DatasetVersion Register(string name, DataLayer layer, DatasetPurpose purpose, string label, long rows, DatasetVersion[] from, Actor by, DateTimeOffset at)
    {
        var dataset = Datasets.SingleOrDefault(d => d.Name == name);
        if (dataset is null)
        {
            dataset = Dataset.Create(projectId, name, layer, purpose, null, by, at);
            Datasets.Add(dataset);
        }

        var version = DatasetVersion.Register(
            dataset, new DatasetVersionFacts(label, $"s3://lake/{layer.ToString().ToLowerInvariant()}/{name}/{label}", "Parquet", rows, rows * 180, null), from, null, by, at, Datasets);
        Versions.Add(version);
        return version;
    }

    public void Model(Experiment experiment, string label, string approach, double recall, double precision, Actor by, DateTimeOffset at)
    {
        var name = $"{prefix}-model";
        var model = ModelVersion.Register(
            projectId,
            experiment,
            new ModelVersionFacts(name, label, approach, $"s3://models/{name}/{label}", null),
            [.. Versions.Where(v => v.Purpose == DatasetPurpose.TrainingSplit)],
            [.. Versions.Where(v => v.Purpose == DatasetPurpose.TestSplit)],
            [new ModelMetric("recall", MetricSplit.Test, recall), new ModelMetric("precision", MetricSplit.Test, precision)],
            by,
            at);
        model.EvaluateAgainst(Targets);
        Models.Add(model);
    }

    public ProjectEvidence AsProjectEvidence() =>
        new(Versions, Datasets.ToDictionary(d => d.Id, d => d.Name), Models, Targets);
}

internal sealed record DemoProject(string Key, string Name, string Objective, int StartedDaysAgo, int LengthDays, int PassedGates, int FinishedInActive);

internal sealed record DemoAccount(string Email, string Name, SystemRole SystemRole, ProjectRole? ProjectRole, string Password);
