using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class MetricTargetIndexIgnoresCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_metric_targets_project_metric_split",
                table: "metric_targets");

            migrationBuilder.CreateIndex(
                name: "ix_metric_targets_project_id",
                table: "metric_targets",
                column: "project_id");

            // Metric names compare in upper case (EvidenceRules.MetricKey); EF cannot model an index on an expression.
            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX ix_metric_targets_project_metric_split
                    ON metric_targets (project_id, upper(metric), split);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_metric_targets_project_metric_split;");

            migrationBuilder.DropIndex(
                name: "ix_metric_targets_project_id",
                table: "metric_targets");

            migrationBuilder.CreateIndex(
                name: "ix_metric_targets_project_metric_split",
                table: "metric_targets",
                columns: new[] { "project_id", "metric", "split" },
                unique: true);
        }
    }
}
