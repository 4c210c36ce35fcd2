using DsProcess.Infrastructure.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Dashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The dashboard read model (tables, triggers, refresh functions), then a first refresh.
            migrationBuilder.Sql(SqlScripts.Read("Dashboards.sql"));
            migrationBuilder.Sql("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropReadModel);
        }

        /// <summary>Drops every object of the dashboard read model (either version).</summary>
        internal const string DropReadModel = """
                DROP TRIGGER IF EXISTS project_phases_runs ON project_phases;
                DROP FUNCTION IF EXISTS dashboard_refresh_flow(), dashboard_refresh_all(), dashboard_refresh_projects(uuid[]),
                    dashboard_people_delta(), dashboard_roles_delta(), dashboard_portfolio_delta(), dashboard_phase_runs() CASCADE;
                DROP TABLE IF EXISTS dashboard_throughput, dashboard_flow, phase_runs, dashboard_people, dashboard_project_people,
                    dashboard_roles, dashboard_project_roles, dashboard_leads, dashboard_portfolio, dashboard_projects;
                DROP INDEX IF EXISTS ix_gate_reviews_waiting, ix_handoffs_waiting, ix_project_tasks_open_due,
                    ix_gate_reviews_decided_phase, ix_handoffs_acknowledged;
                """;
    }
}
