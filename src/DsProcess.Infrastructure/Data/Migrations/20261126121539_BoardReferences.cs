using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoardReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "open_handoff_id",
                table: "project_tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "latest_review_id",
                table: "project_phases",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_tasks_open_handoff_id",
                table: "project_tasks",
                column: "open_handoff_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_phases_latest_review_id",
                table: "project_phases",
                column: "latest_review_id");

            migrationBuilder.AddForeignKey(
                name: "fk_project_phases_gate_reviews_latest_review_id",
                table: "project_phases",
                column: "latest_review_id",
                principalTable: "gate_reviews",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_project_tasks_handoffs_open_handoff_id",
                table: "project_tasks",
                column: "open_handoff_id",
                principalTable: "handoffs",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            // Existing data: point each phase at its latest review of the current iteration, and each task at
            // the newest handoff to it that nobody acknowledged yet.
            migrationBuilder.Sql("""
                UPDATE project_phases ph SET latest_review_id = (
                    SELECT r.id FROM gate_reviews r WHERE r.phase_id = ph.id AND r.iteration = ph.iteration
                    ORDER BY r.submitted_at DESC LIMIT 1);
                UPDATE project_tasks t SET open_handoff_id = (
                    SELECT h.id FROM handoffs h WHERE h.to_task_id = t.id AND h.acknowledged_at IS NULL
                    ORDER BY h.handed_over_at DESC LIMIT 1)
                WHERE EXISTS (SELECT 1 FROM handoffs h WHERE h.to_task_id = t.id AND h.acknowledged_at IS NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_project_phases_gate_reviews_latest_review_id",
                table: "project_phases");

            migrationBuilder.DropForeignKey(
                name: "fk_project_tasks_handoffs_open_handoff_id",
                table: "project_tasks");

            migrationBuilder.DropIndex(
                name: "ix_project_tasks_open_handoff_id",
                table: "project_tasks");

            migrationBuilder.DropIndex(
                name: "ix_project_phases_latest_review_id",
                table: "project_phases");

            migrationBuilder.DropColumn(
                name: "open_handoff_id",
                table: "project_tasks");

            migrationBuilder.DropColumn(
                name: "latest_review_id",
                table: "project_phases");
        }
    }
}
