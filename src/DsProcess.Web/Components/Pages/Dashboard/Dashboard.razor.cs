using System.Globalization;
using DsProcess.Application.Common.Models;
using DsProcess.Application.Dashboards;
using DsProcess.Application.Dashboards.Queries.DashboardProjects;
using DsProcess.Application.Dashboards.Queries.FlowMetrics;
using DsProcess.Application.Dashboards.Queries.OperationsFlow;
using DsProcess.Application.Dashboards.Queries.Portfolio;
using DsProcess.Application.Dashboards.Queries.Waiting;
using DsProcess.Application.Dashboards.Queries.Workload;
using DsProcess.Application.Operations.Queries.ModelsInAlert;
using DsProcess.Domain.Projects;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DsProcess.Web.Components.Pages.Dashboard;

/// <summary>
/// The portfolio dashboard (a team lead's shows only the projects they are on); its state lives in the address
/// (filters, period, drill-down), so views can be shared.
/// </summary>
public sealed partial class Dashboard
{
    private static readonly ProjectHealth[] Tiles =
        [ProjectHealth.OnTrack, ProjectHealth.AtRisk, ProjectHealth.Overdue, ProjectHealth.Blocked, ProjectHealth.AwaitingDecision];

    private readonly BarChartOptions _barOptions = new() { ShowLegend = false, YAxisTicks = 1 };
    private readonly StackedBarChartOptions _stackedOptions = new() { ShowLegend = true, YAxisTicks = 1 };

    private DashboardFilter _filter = new();
    private ProjectHealth? _health;
    private bool _showAll;
    private int _period = 90;
    private int _drillPage = 1;
    private bool _loading;
    private DateTimeOffset? _loadedAt;
    private DateTimeOffset _now;
    private DateOnly _today;

    private PortfolioDto? _portfolio;
    private WaitingDto? _waiting;
    private FlowDto? _flow;
    private OperationsFlowDto? _operations;
    private WorkloadDto? _workload;

    /// <summary>Open alerts of the projects the user reads, most severe first (not narrowed by the filter).</summary>
    private IReadOnlyList<ModelInAlertRow> _alerts = [];

    private PagedList<DashboardProject>? _drill;
    private List<ChartSeries<double>> _phaseSeries = [];
    private string[] _phaseLabels = [];
    private List<ChartSeries<double>> _throughputSeries = [];
    private string[] _throughputLabels = [];

    [SupplyParameterFromQuery(Name = "lead")]
    public Guid? Lead { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? Status { get; set; }

    [SupplyParameterFromQuery(Name = "phase")]
    public string? Phase { get; set; }

    [SupplyParameterFromQuery(Name = "iteration")]
    public int? Iteration { get; set; }

    [SupplyParameterFromQuery(Name = "health")]
    public string? Health { get; set; }

    [SupplyParameterFromQuery(Name = "list")]
    public bool? List { get; set; }

    [SupplyParameterFromQuery(Name = "period")]
    public int? Period { get; set; }

    /// <summary>Admins and viewers see every project; a team lead only the projects they are on.</summary>
    private bool WholePortfolio => _portfolio?.IsWholePortfolio ?? true;

    private string DrillTitle =>
        (_health is { } health ? HealthText(health) + " projects" : "Projects")
        + (_filter.Phase is { } phase ? $" in {DisplayNames.Of(phase)}" : "");

    protected override async Task OnParametersSetAsync()
    {
        _filter = new DashboardFilter(
            Lead,
            Enum.TryParse<ProjectStatus>(Status, out var status) ? status : null,
            Enum.TryParse<PhaseKind>(Phase, out var phase) ? phase : null,
            Iteration);
        _health = Enum.TryParse<ProjectHealth>(Health, out var health) ? health : null;
        _showAll = List == true;
        _period = Period is { } p && FlowMetrics.Periods.Contains(p) ? p : 90;
        _drillPage = 1;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        await RunAsync(async () =>
        {
            _portfolio = await Sender.Send(new PortfolioQuery(_filter));
            _waiting = await Sender.Send(new WaitingQuery(_filter));
            _flow = await Sender.Send(new FlowMetricsQuery(_period));
            _operations = await Sender.Send(new OperationsFlowQuery(_period));
            _workload = await Sender.Send(new WorkloadQuery());
            _alerts = await Sender.Send(new ModelsInAlertQuery());
            await LoadDrillAsync();
        });
        _now = Clock.GetUtcNow();
        _today = DateOnly.FromDateTime(_now.UtcDateTime);
        _loadedAt = _now;
        BuildCharts();
        _loading = false;
    }

    private async Task LoadDrillAsync() =>
        _drill = _health is null && !_showAll
            ? null
            : await Sender.Send(new DashboardProjectsQuery(_filter, _health, _drillPage));

    private async Task DrillPageAsync(int page)
    {
        _drillPage = page;
        await RunAsync(LoadDrillAsync);
    }

    private void BuildCharts()
    {
        if (_portfolio is not null)
        {
            var phases = _portfolio.ByPhase.Where(p => p.Phase is not null).ToList();
            _phaseLabels = [.. phases.Select(p => Short(p.Phase!.Value))];
            _phaseSeries = [new ChartSeries<double> { Name = "Projects", Data = phases.Select(p => (double)p.Projects).ToArray() }];
        }

        if (_flow is not null)
        {
            _throughputLabels = [.. _flow.Weeks.Select(w => w.Week.ToString("d MMM", CultureInfo.InvariantCulture))];
            _throughputSeries = [.. Enum.GetValues<PhaseKind>().Select(k => new ChartSeries<double>
            {
                Name = Short(k),
                Data = _flow.Weeks.Select(w => (double)w.Completed[k]).ToArray(),
            })];
        }
    }

    private void PhaseBarClicked(int index)
    {
        if (index is >= 0 and < 4)
        {
            Go(Address(phase: (PhaseKind)(index + 1), all: true));
        }
    }

    private void Clear() => Go("/dashboard" + (_period != 90 ? $"?period={_period}" : ""));

    /// <summary>Changes the dashboard's state by going to its address (filters live there, so views can be shared).</summary>
    private void Go(string address) => Navigation.NavigateTo(address);

    /// <summary>The dashboard's address with part of its state changed.</summary>
    private string Address(
        Guid? lead = null,
        bool clearLead = false,
        ProjectStatus? status = null,
        bool clearStatus = false,
        PhaseKind? phase = null,
        bool clearPhase = false,
        int? iteration = null,
        bool clearIteration = false,
        ProjectHealth? health = null,
        bool? all = null,
        int? period = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["lead"] = clearLead ? null : lead ?? _filter.LeadId,
            ["status"] = clearStatus ? null : (status ?? _filter.Status)?.ToString(),
            ["phase"] = clearPhase ? null : (phase ?? _filter.Phase)?.ToString(),
            ["iteration"] = clearIteration ? null : iteration ?? _filter.Iteration,
            ["health"] = all is not null || health is not null ? health?.ToString() : _health?.ToString(),
            ["list"] = (all ?? _showAll) && health is null ? true : null,
            ["period"] = (period ?? _period) == 90 ? null : period ?? _period,
        };
        return Navigation.GetUriWithQueryParameters("/dashboard", parameters);
    }

    private string Export(string table)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["lead"] = _filter.LeadId,
            ["status"] = _filter.Status?.ToString(),
            ["phase"] = _filter.Phase?.ToString(),
            ["iteration"] = _filter.Iteration,
            ["health"] = _health?.ToString(),
            ["period"] = _period,
        };
        return Navigation.GetUriWithQueryParameters($"/export/dashboard/{table}.csv", parameters);
    }

    private bool Late(DateTimeOffset since) => _now - since > TimeSpan.FromDays(2);

    private static string Pair(Measure measure, string unit) =>
        measure.Median is { } median ? $"{median:0.#} / {measure.P85:0.#} {unit}" : "—";

    private static string Spread(Spread spread) =>
        spread.Mean is { } mean ? $"{mean:0.#} / {spread.P85:0.#} h ({spread.Samples})" : "—";

    private static string Short(PhaseKind kind) => kind switch
    {
        PhaseKind.DataDevelopment => "Data",
        PhaseKind.ModelDevelopment => "Model",
        PhaseKind.ProductionDeployment => "Deployment",
        _ => "Business",
    };

    internal static string HealthText(ProjectHealth health) => health switch
    {
        ProjectHealth.OnTrack => "On track",
        ProjectHealth.AtRisk => "At risk",
        ProjectHealth.Overdue => "Overdue",
        ProjectHealth.Blocked => "Blocked",
        ProjectHealth.AwaitingDecision => "Awaiting decision",
        _ => "Not active",
    };

    private static Color HealthColor(ProjectHealth health) => health switch
    {
        ProjectHealth.OnTrack => Color.Success,
        ProjectHealth.AtRisk => Color.Warning,
        ProjectHealth.Overdue => Color.Error,
        ProjectHealth.Blocked => Color.Error,
        ProjectHealth.AwaitingDecision => Color.Info,
        _ => Color.Default,
    };

    private static string HealthIcon(ProjectHealth health) => health switch
    {
        ProjectHealth.OnTrack => Icons.Material.Outlined.CheckCircle,
        ProjectHealth.AtRisk => Icons.Material.Outlined.WarningAmber,
        ProjectHealth.Overdue => Icons.Material.Outlined.Schedule,
        ProjectHealth.Blocked => Icons.Material.Outlined.Block,
        _ => Icons.Material.Outlined.HourglassTop,
    };
}
