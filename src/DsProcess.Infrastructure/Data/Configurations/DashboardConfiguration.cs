using DsProcess.Application.Dashboards;
using Microsoft.EntityFrameworkCore;

namespace DsProcess.Infrastructure.Data.Configurations;

/// <summary>
/// The dashboard read model: tables created and kept by SQL (Data/Sql/Dashboards.sql, then DashboardLeads.sql, then the
/// DashboardScopes migration's functions for a team lead's own projects), read by the queries.
/// EF maps them but leaves them out of its migrations.
/// </summary>
internal static class DashboardConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<DashboardProject>(e =>
        {
            e.ToTable("dashboard_projects", t => t.ExcludeFromMigrations());
            e.HasKey(p => p.ProjectId);
        });
        builder.Entity<PortfolioCell>(e =>
        {
            e.ToTable("dashboard_portfolio", t => t.ExcludeFromMigrations());
            e.HasKey(c => new { c.Status, c.Phase, c.Iteration, c.Health });
        });
        builder.Entity<DashboardLead>(e =>
        {
            e.ToTable("dashboard_leads", t => t.ExcludeFromMigrations());
            e.HasKey(l => l.LeadId);
        });
        builder.Entity<RoleLoad>(e =>
        {
            e.ToTable("dashboard_roles", t => t.ExcludeFromMigrations());
            e.HasKey(r => r.Role);
        });
        builder.Entity<ProjectRoleLoad>(e =>
        {
            e.ToTable("dashboard_project_roles", t => t.ExcludeFromMigrations());
            e.HasKey(r => new { r.ProjectId, r.Role });
        });
        builder.Entity<ProjectPersonLoad>(e =>
        {
            e.ToTable("dashboard_project_people", t => t.ExcludeFromMigrations());
            e.HasKey(p => new { p.ProjectId, p.PersonId });
        });
        builder.Entity<PersonLoad>(e =>
        {
            e.ToTable("dashboard_people", t => t.ExcludeFromMigrations());
            e.HasKey(p => p.PersonId);
        });
        builder.Entity<FlowMetric>(e =>
        {
            e.ToTable("dashboard_flow", t => t.ExcludeFromMigrations());
            e.HasKey(m => new { m.PeriodDays, m.Phase, m.Metric });
        });
        builder.Entity<WeeklyThroughput>(e =>
        {
            e.ToTable("dashboard_throughput", t => t.ExcludeFromMigrations());
            e.HasKey(t => new { t.Week, t.Phase });
        });
    }
}
