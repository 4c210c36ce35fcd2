using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Evidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    layer = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.id);
                    table.ForeignKey(
                        name: "fk_datasets_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    hypothesis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    approach = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_experiments", x => x.id);
                    table.ForeignKey(
                        name: "fk_experiments_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "metric_targets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    metric = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    split = table.Column<int>(type: "integer", nullable: false),
                    direction = table.Column<int>(type: "integer", nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_metric_targets", x => x.id);
                    table.ForeignKey(
                        name: "fk_metric_targets_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dataset_id = table.Column<Guid>(type: "uuid", nullable: false),
                    layer = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<int>(type: "integer", nullable: false),
                    label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    location = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rows = table.Column<long>(type: "bigint", nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    checksum = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    produced_by_task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    registered_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    registered_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    derived_from = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    pii_removed = table.Column<bool>(type: "boolean", nullable: false),
                    pii_method = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    profile_link = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    access_granted_to = table.Column<int[]>(type: "integer[]", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checks = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_dataset_versions_datasets_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "datasets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dataset_versions_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dataset_versions_tasks_produced_by_task_id",
                        column: x => x.produced_by_task_id,
                        principalTable: "project_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "model_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    experiment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    label = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    approach = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    trained_on = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    evaluated_on = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    evaluated_on_hold_out = table.Column<bool>(type: "boolean", nullable: false),
                    artefact_uri = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    explanation_link = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    meets_targets = table.Column<bool>(type: "boolean", nullable: false),
                    registered_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    registered_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    metrics = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_model_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_model_versions_experiments_experiment_id",
                        column: x => x.experiment_id,
                        principalTable: "experiments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_model_versions_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_dataset_label",
                table: "dataset_versions",
                columns: new[] { "dataset_id", "label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_produced_by_task_id",
                table: "dataset_versions",
                column: "produced_by_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_project_id_layer",
                table: "dataset_versions",
                columns: new[] { "project_id", "layer" });

            migrationBuilder.CreateIndex(
                name: "ix_datasets_project_name",
                table: "datasets",
                columns: new[] { "project_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_experiments_project_id",
                table: "experiments",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_metric_targets_project_id",
                table: "metric_targets",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_experiment_id",
                table: "model_versions",
                column: "experiment_id");

            migrationBuilder.CreateIndex(
                name: "ix_model_versions_project_name_label",
                table: "model_versions",
                columns: new[] { "project_id", "name", "label" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dataset_versions");

            migrationBuilder.DropTable(
                name: "metric_targets");

            migrationBuilder.DropTable(
                name: "model_versions");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "experiments");
        }
    }
}
