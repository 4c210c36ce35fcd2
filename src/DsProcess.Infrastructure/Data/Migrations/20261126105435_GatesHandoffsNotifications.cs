using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class GatesHandoffsNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "evidence",
                table: "project_tasks",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "gate",
                table: "project_phases",
                type: "jsonb",
                nullable: true);

            // Existing phases keep their gate criteria, now as a checklist (all required, none met yet).
            migrationBuilder.Sql("""
                UPDATE project_phases SET gate = (
                    SELECT coalesce(jsonb_agg(jsonb_build_object('Number', n, 'Text', c, 'IsRequired', true, 'IsMet', false, 'MetBy', null, 'MetAt', null) ORDER BY n), '[]'::jsonb)
                    FROM unnest(gate_criteria) WITH ORDINALITY AS t(c, n));
                """);

            migrationBuilder.DropColumn(
                name: "gate_criteria",
                table: "project_phases");

            migrationBuilder.AddColumn<int>(
                name: "iteration",
                table: "project_phases",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "iteration",
                table: "activity",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gate_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phase_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phase = table.Column<int>(type: "integer", nullable: false),
                    iteration = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    submitted_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submitted_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gate_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_gate_reviews_phases_phase_id",
                        column: x => x.phase_id,
                        principalTable: "project_phases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_gate_reviews_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "handoffs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_task_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_role = table.Column<int>(type: "integer", nullable: false),
                    to_task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_task_title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    to_role = table.Column<int>(type: "integer", nullable: false),
                    to_phase = table.Column<int>(type: "integer", nullable: false),
                    to_assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    iteration = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    links = table.Column<List<string>>(type: "text[]", nullable: false),
                    handed_over_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    handed_over_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    handed_over_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    acknowledged_by_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_handoffs", x => x.id);
                    table.ForeignKey(
                        name: "fk_handoffs_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_people_recipient_id",
                        column: x => x.recipient_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_gate_reviews_decided_at",
                table: "gate_reviews",
                column: "decided_at");

            migrationBuilder.CreateIndex(
                name: "ix_gate_reviews_phase_id_submitted_at",
                table: "gate_reviews",
                columns: new[] { "phase_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_gate_reviews_project_id",
                table: "gate_reviews",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_handoffs_project_id_acknowledged_at",
                table: "handoffs",
                columns: new[] { "project_id", "acknowledged_at" });

            migrationBuilder.CreateIndex(
                name: "ix_handoffs_to_task_id",
                table: "handoffs",
                column: "to_task_id");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_id_created_at",
                table: "notifications",
                columns: new[] { "recipient_id", "created_at" });

            // The change feed: every committed activity row announces its project, every notification its
            // recipient. NOTIFY is transactional, so nothing is announced for a rolled-back change.
            migrationBuilder.Sql("""
                CREATE FUNCTION dsprocess_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'activity' THEN
                        IF NEW.project_id IS NOT NULL THEN
                            PERFORM pg_notify('dsprocess_changes', 'project:' || NEW.project_id);
                        END IF;
                    ELSE
                        PERFORM pg_notify('dsprocess_changes', 'person:' || NEW.recipient_id);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER activity_notify_change AFTER INSERT ON activity
                    FOR EACH ROW EXECUTE FUNCTION dsprocess_notify_change();
                CREATE TRIGGER notifications_notify_change AFTER INSERT OR UPDATE ON notifications
                    FOR EACH ROW EXECUTE FUNCTION dsprocess_notify_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS notifications_notify_change ON notifications;
                DROP TRIGGER IF EXISTS activity_notify_change ON activity;
                DROP FUNCTION IF EXISTS dsprocess_notify_change();
                """);

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "gate_reviews");

            migrationBuilder.DropTable(
                name: "handoffs");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropColumn(
                name: "evidence",
                table: "project_tasks");

            migrationBuilder.DropColumn(
                name: "gate",
                table: "project_phases");

            migrationBuilder.DropColumn(
                name: "iteration",
                table: "project_phases");

            migrationBuilder.DropColumn(
                name: "iteration",
                table: "activity");

            migrationBuilder.AddColumn<List<string>>(
                name: "gate_criteria",
                table: "project_phases",
                type: "text[]",
                nullable: false);
        }
    }
}
