using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ModelTargetIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_metric_targets_project_id",
                table: "metric_targets");

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_meeting_targets",
                table: "model_versions",
                column: "project_id",
                filter: "meets_targets");

            migrationBuilder.CreateIndex(
                name: "ix_metric_targets_project_metric_split",
                table: "metric_targets",
                columns: new[] { "project_id", "metric", "split" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_model_versions_meeting_targets",
                table: "model_versions");

            migrationBuilder.DropIndex(
                name: "ix_metric_targets_project_metric_split",
                table: "metric_targets");

            migrationBuilder.CreateIndex(
                name: "ix_metric_targets_project_id",
                table: "metric_targets",
                column: "project_id");
        }
    }
}
