using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProjectSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "projects",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_since",
                table: "projects",
                type: "timestamp with time zone",
                nullable: true);

            // A project on hold or cancelled is not overdue: the rule in SQL (tested against WorkRules.CountsOverdue),
            // then the project refresh counting overdue tasks only where it holds.
            migrationBuilder.Sql(Rule);
            migrationBuilder.Sql(RefreshWithRule);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RefreshBefore);
            migrationBuilder.Sql("DROP FUNCTION project_counts_overdue(integer);");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "status_since",
                table: "projects");
        }

        // Written as it stands today and never changed: the numbers are those of ProjectStatus (on hold 1, cancelled 3),
        // which SqlRulesTests checks value by value against WorkRules.
        private const string Rule = """
            -- Open tasks are overdue only while the project takes work: not on hold (1), not cancelled (3).
            CREATE FUNCTION project_counts_overdue(status integer) RETURNS boolean
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT status NOT IN (1, 3)';
            """;

        internal const string RefreshWithRule = """
            -- Recomputes the per-project rows of the given projects (and so, through the triggers, the aggregates).
            CREATE OR REPLACE FUNCTION dashboard_refresh_projects(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                -- Serialise refreshes of the same projects from several app instances.
                PERFORM 1 FROM projects WHERE id IN (SELECT unnest(ids)) ORDER BY id FOR UPDATE;

                INSERT INTO dashboard_projects AS d (project_id, key, name, lead_id, lead_name, status, current_phase, iteration, target_date,
                    tasks, finished, open_tasks, overdue_tasks, blocked_tasks, awaiting_gates, open_handoffs, phase_planned_end, health, refreshed_on)
                SELECT p.id, p.key, p.name, lead.person_id, lead.display_name, p.status, p.current_phase, p.iteration, p.target_date,
                    t.tasks, t.finished, t.open_tasks, t.overdue_tasks, t.blocked_tasks,
                    CASE WHEN cur.state = 2 THEN 1 ELSE 0 END,
                    (SELECT count(*) FROM handoffs h WHERE h.project_id = p.id AND h.acknowledged_at IS NULL)::int,
                    cur.planned_end,
                    CASE
                        WHEN p.status <> 0 THEN 5
                        WHEN p.target_date < current_date OR cur.planned_end < current_date THEN 2
                        WHEN t.blocked_tasks > 0 THEN 3
                        WHEN cur.state = 2 THEN 4
                        WHEN p.target_date <= current_date + 30 AND t.finished < 0.8 * t.tasks THEN 1
                        ELSE 0
                    END,
                    current_date
                FROM projects p
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS tasks,
                           count(*) FILTER (WHERE task_is_finished(ts.status))::int AS finished,
                           count(*) FILTER (WHERE task_is_open(ts.status, ph.state))::int AS open_tasks,
                           count(*) FILTER (WHERE project_counts_overdue(p.status) AND task_is_overdue(ts.status, ph.state, ts.due, current_date))::int AS overdue_tasks,
                           count(*) FILTER (WHERE ts.status = 2 AND ph.state <> 3)::int AS blocked_tasks
                    FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                    WHERE ts.project_id = p.id) t
                LEFT JOIN LATERAL (
                    SELECT m.person_id, pe.display_name FROM project_members m JOIN people pe ON pe.id = m.person_id
                    WHERE m.project_id = p.id AND 4 = ANY (m.roles) ORDER BY pe.display_name, pe.id LIMIT 1) lead ON true
                LEFT JOIN project_phases cur ON cur.project_id = p.id AND cur.kind = p.current_phase
                WHERE p.id IN (SELECT unnest(ids))
                ON CONFLICT (project_id) DO UPDATE SET key = EXCLUDED.key, name = EXCLUDED.name, lead_id = EXCLUDED.lead_id,
                    lead_name = EXCLUDED.lead_name, status = EXCLUDED.status, current_phase = EXCLUDED.current_phase,
                    iteration = EXCLUDED.iteration, target_date = EXCLUDED.target_date, tasks = EXCLUDED.tasks, finished = EXCLUDED.finished,
                    open_tasks = EXCLUDED.open_tasks, overdue_tasks = EXCLUDED.overdue_tasks, blocked_tasks = EXCLUDED.blocked_tasks,
                    awaiting_gates = EXCLUDED.awaiting_gates, open_handoffs = EXCLUDED.open_handoffs, phase_planned_end = EXCLUDED.phase_planned_end, health = EXCLUDED.health, refreshed_on = EXCLUDED.refreshed_on
                WHERE (d.key, d.name, d.lead_id, d.status, d.current_phase, d.iteration, d.target_date, d.tasks, d.finished, d.open_tasks,
                       d.overdue_tasks, d.blocked_tasks, d.awaiting_gates, d.open_handoffs, d.phase_planned_end, d.health, d.refreshed_on)
                    IS DISTINCT FROM (EXCLUDED.key, EXCLUDED.name, EXCLUDED.lead_id, EXCLUDED.status, EXCLUDED.current_phase, EXCLUDED.iteration,
                       EXCLUDED.target_date, EXCLUDED.tasks, EXCLUDED.finished, EXCLUDED.open_tasks, EXCLUDED.overdue_tasks,
                       EXCLUDED.blocked_tasks, EXCLUDED.awaiting_gates, EXCLUDED.open_handoffs, EXCLUDED.phase_planned_end, EXCLUDED.health,
                       EXCLUDED.refreshed_on);

                DELETE FROM dashboard_project_roles WHERE project_id IN (SELECT unnest(ids));
                INSERT INTO dashboard_project_roles (project_id, role, open_tasks, unassigned_tasks, holders)
                SELECT p.id, r.role,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND task_is_open(ts.status, ph.state))::int,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND task_is_open(ts.status, ph.state) AND ts.assignee_id IS NULL)::int,
                    (SELECT count(*) FROM project_members m WHERE m.project_id = p.id AND r.role = ANY (m.roles))::int
                FROM projects p CROSS JOIN unnest(task_owner_roles()) AS r(role)
                WHERE p.id IN (SELECT unnest(ids)) AND p.status = 0;

                DELETE FROM dashboard_project_people WHERE project_id IN (SELECT unnest(ids));
                INSERT INTO dashboard_project_people (project_id, person_id, open_tasks, overdue_tasks)
                SELECT ts.project_id, ts.assignee_id, count(*)::int, count(*) FILTER (WHERE task_is_overdue(ts.status, ph.state, ts.due, current_date))::int
                FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id JOIN projects p ON p.id = ts.project_id
                WHERE ts.project_id IN (SELECT unnest(ids)) AND ts.assignee_id IS NOT NULL AND task_is_open(ts.status, ph.state) AND p.status = 0
                GROUP BY ts.project_id, ts.assignee_id;
            END $$;
            """;

        private const string RefreshBefore = """
            -- Recomputes the per-project rows of the given projects (and so, through the triggers, the aggregates).
            CREATE OR REPLACE FUNCTION dashboard_refresh_projects(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                -- Serialise refreshes of the same projects from several app instances.
                PERFORM 1 FROM projects WHERE id IN (SELECT unnest(ids)) ORDER BY id FOR UPDATE;

                INSERT INTO dashboard_projects AS d (project_id, key, name, lead_id, lead_name, status, current_phase, iteration, target_date,
                    tasks, finished, open_tasks, overdue_tasks, blocked_tasks, awaiting_gates, open_handoffs, phase_planned_end, health, refreshed_on)
                SELECT p.id, p.key, p.name, lead.person_id, lead.display_name, p.status, p.current_phase, p.iteration, p.target_date,
                    t.tasks, t.finished, t.open_tasks, t.overdue_tasks, t.blocked_tasks,
                    CASE WHEN cur.state = 2 THEN 1 ELSE 0 END,
                    (SELECT count(*) FROM handoffs h WHERE h.project_id = p.id AND h.acknowledged_at IS NULL)::int,
                    cur.planned_end,
                    CASE
                        WHEN p.status <> 0 THEN 5
                        WHEN p.target_date < current_date OR cur.planned_end < current_date THEN 2
                        WHEN t.blocked_tasks > 0 THEN 3
                        WHEN cur.state = 2 THEN 4
                        WHEN p.target_date <= current_date + 30 AND t.finished < 0.8 * t.tasks THEN 1
                        ELSE 0
                    END,
                    current_date
                FROM projects p
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS tasks,
                           count(*) FILTER (WHERE task_is_finished(ts.status))::int AS finished,
                           count(*) FILTER (WHERE task_is_open(ts.status, ph.state))::int AS open_tasks,
                           count(*) FILTER (WHERE task_is_overdue(ts.status, ph.state, ts.due, current_date))::int AS overdue_tasks,
                           count(*) FILTER (WHERE ts.status = 2 AND ph.state <> 3)::int AS blocked_tasks
                    FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                    WHERE ts.project_id = p.id) t
                LEFT JOIN LATERAL (
                    SELECT m.person_id, pe.display_name FROM project_members m JOIN people pe ON pe.id = m.person_id
                    WHERE m.project_id = p.id AND 4 = ANY (m.roles) ORDER BY pe.display_name, pe.id LIMIT 1) lead ON true
                LEFT JOIN project_phases cur ON cur.project_id = p.id AND cur.kind = p.current_phase
                WHERE p.id IN (SELECT unnest(ids))
                ON CONFLICT (project_id) DO UPDATE SET key = EXCLUDED.key, name = EXCLUDED.name, lead_id = EXCLUDED.lead_id,
                    lead_name = EXCLUDED.lead_name, status = EXCLUDED.status, current_phase = EXCLUDED.current_phase,
                    iteration = EXCLUDED.iteration, target_date = EXCLUDED.target_date, tasks = EXCLUDED.tasks, finished = EXCLUDED.finished,
                    open_tasks = EXCLUDED.open_tasks, overdue_tasks = EXCLUDED.overdue_tasks, blocked_tasks = EXCLUDED.blocked_tasks,
                    awaiting_gates = EXCLUDED.awaiting_gates, open_handoffs = EXCLUDED.open_handoffs, phase_planned_end = EXCLUDED.phase_planned_end, health = EXCLUDED.health, refreshed_on = EXCLUDED.refreshed_on
                WHERE (d.key, d.name, d.lead_id, d.status, d.current_phase, d.iteration, d.target_date, d.tasks, d.finished, d.open_tasks,
                       d.overdue_tasks, d.blocked_tasks, d.awaiting_gates, d.open_handoffs, d.phase_planned_end, d.health, d.refreshed_on)
                    IS DISTINCT FROM (EXCLUDED.key, EXCLUDED.name, EXCLUDED.lead_id, EXCLUDED.status, EXCLUDED.current_phase, EXCLUDED.iteration,
                       EXCLUDED.target_date, EXCLUDED.tasks, EXCLUDED.finished, EXCLUDED.open_tasks, EXCLUDED.overdue_tasks,
                       EXCLUDED.blocked_tasks, EXCLUDED.awaiting_gates, EXCLUDED.open_handoffs, EXCLUDED.phase_planned_end, EXCLUDED.health,
                       EXCLUDED.refreshed_on);

                DELETE FROM dashboard_project_roles WHERE project_id IN (SELECT unnest(ids));
                INSERT INTO dashboard_project_roles (project_id, role, open_tasks, unassigned_tasks, holders)
                SELECT p.id, r.role,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND task_is_open(ts.status, ph.state))::int,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND task_is_open(ts.status, ph.state) AND ts.assignee_id IS NULL)::int,
                    (SELECT count(*) FROM project_members m WHERE m.project_id = p.id AND r.role = ANY (m.roles))::int
                FROM projects p CROSS JOIN unnest(task_owner_roles()) AS r(role)
                WHERE p.id IN (SELECT unnest(ids)) AND p.status = 0;

                DELETE FROM dashboard_project_people WHERE project_id IN (SELECT unnest(ids));
                INSERT INTO dashboard_project_people (project_id, person_id, open_tasks, overdue_tasks)
                SELECT ts.project_id, ts.assignee_id, count(*)::int, count(*) FILTER (WHERE task_is_overdue(ts.status, ph.state, ts.due, current_date))::int
                FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id JOIN projects p ON p.id = ts.project_id
                WHERE ts.project_id IN (SELECT unnest(ids)) AND ts.assignee_id IS NOT NULL AND task_is_open(ts.status, ph.state) AND p.status = 0
                GROUP BY ts.project_id, ts.assignee_id;
            END $$;
            """;
    }
}
