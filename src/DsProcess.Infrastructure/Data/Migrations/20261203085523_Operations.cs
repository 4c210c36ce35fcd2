using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Operations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deployments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_name = table.Column<string>(type: "character varying(181)", maxLength: 181, nullable: false),
                    environment = table.Column<int>(type: "integer", nullable: false),
                    endpoint = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    deployed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    deployed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deployed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    end_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deployments", x => x.id);
                    table.ForeignKey(
                        name: "fk_deployments_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_deployments_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_name = table.Column<string>(type: "character varying(181)", maxLength: 181, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    metric = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    direction = table.Column<int>(type: "integer", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    rework_after_minutes = table.Column<int>(type: "integer", nullable: true),
                    latest_value = table.Column<double>(type: "double precision", nullable: true),
                    latest_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    breaching_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    current_alert_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitors", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitors_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_monitors_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    last_run_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    link = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pipelines", x => x.id);
                    table.ForeignKey(
                        name: "fk_pipelines_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    monitor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    model_name = table.Column<string>(type: "character varying(181)", maxLength: 181, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    metric = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    rule = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opening_value = table.Column<double>(type: "double precision", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_because = table.Column<int>(type: "integer", nullable: true),
                    closing_value = table.Column<double>(type: "double precision", nullable: true),
                    triage = table.Column<int>(type: "integer", nullable: false),
                    triage_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    triaged_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    triaged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rework_iteration = table.Column<int>(type: "integer", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_model_versions_model_version_id",
                        column: x => x.model_version_id,
                        principalTable: "model_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_monitors_monitor_id",
                        column: x => x.monitor_id,
                        principalTable: "monitors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    monitor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signals", x => x.id);
                    table.ForeignKey(
                        name: "fk_signals_monitors_monitor_id",
                        column: x => x.monitor_id,
                        principalTable: "monitors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_signals_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_model_version_id",
                table: "alerts",
                column: "model_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_monitor_id",
                table: "alerts",
                column: "monitor_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_open",
                table: "alerts",
                columns: new[] { "project_id", "opened_at" },
                filter: "closed_at IS NULL AND triage = 0");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_project_recent",
                table: "alerts",
                columns: new[] { "project_id", "opened_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_deployments_live",
                table: "deployments",
                columns: new[] { "project_id", "environment" },
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deployments_model_version_id",
                table: "deployments",
                column: "model_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitors_model_version_id",
                table: "monitors",
                column: "model_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitors_project_in_use",
                table: "monitors",
                column: "project_id",
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pipelines_project_id_kind",
                table: "pipelines",
                columns: new[] { "project_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_signals_monitor_latest",
                table: "signals",
                columns: new[] { "monitor_id", "at" },
                descending: new[] { false, true })
                .Annotation("Npgsql:IndexInclude", new[] { "value" });

            migrationBuilder.CreateIndex(
                name: "ix_signals_project_id",
                table: "signals",
                column: "project_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "deployments");

            migrationBuilder.DropTable(
                name: "pipelines");

            migrationBuilder.DropTable(
                name: "signals");

            migrationBuilder.DropTable(
                name: "monitors");
        }
    }
}
