using DsProcess.Infrastructure.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Second version of the read model's portfolio table and functions; the app refreshes it all at start-up.
            migrationBuilder.Sql(SqlScripts.Read("DashboardLeads.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The first version, rebuilt from scratch (its history of phase runs starts again from the phases' state).
            migrationBuilder.Sql(Dashboards.DropReadModel);
            migrationBuilder.Sql(SqlScripts.Read("Dashboards.sql"));
            migrationBuilder.Sql("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();");
        }
    }
}
