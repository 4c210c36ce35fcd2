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
            migrationBuilder.Sql(ReadModel);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The first version, rebuilt from scratch (its history of phase runs starts again from the phases' state).
            migrationBuilder.Sql(Dashboards.DropReadModel);
            migrationBuilder.Sql(Dashboards.ReadModel);
            migrationBuilder.Sql("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();");
        }

        /// <summary>The second version of the read model's portfolio table and functions, as written then.</summary>
        internal const string ReadModel = """
            -- Second version of the dashboard read model. Portfolio counts are no longer split by team lead (that made the
            -- table grow with the number of leads); leads get a table of their own, and a full refresh rebuilds the
            -- aggregates in one pass instead of row by row. The read model is derived data: the app refreshes it all at
            -- start-up. The functions not repeated here (phase runs, flow metrics) are unchanged.
            -- Enum values: project status 0 Active; phase state 0 NotStarted, 1 Active, 2 AwaitingGate, 3 Completed;
            -- task status 0 NotStarted, 1 InProgress, 2 Blocked, 3 Done, 4 NotApplicable; role 4 TeamLead;
            -- health 0 OnTrack, 1 AtRisk, 2 Overdue, 3 Blocked, 4 AwaitingDecision, 5 NotActive.

            DROP TABLE dashboard_portfolio;

            -- Projects counted by status, phase, iteration and health (a few hundred rows at most, whatever the portfolio);
            -- phase 0 means none (completed). A team lead filter reads dashboard_projects by lead instead.
            CREATE TABLE dashboard_portfolio (
                status integer NOT NULL,
                phase integer NOT NULL,
                iteration integer NOT NULL,
                health integer NOT NULL,
                projects integer NOT NULL,
                open_tasks integer NOT NULL,
                overdue_tasks integer NOT NULL,
                awaiting_gates integer NOT NULL,
                open_handoffs integer NOT NULL,
                PRIMARY KEY (status, phase, iteration, health)
            );

            -- The team leads who lead at least one project, for the dashboard's filter.
            CREATE TABLE dashboard_leads (
                lead_id uuid PRIMARY KEY,
                name varchar(120) NOT NULL,
                projects integer NOT NULL
            );
            CREATE INDEX ix_dashboard_leads_name ON dashboard_leads (name) WHERE projects > 0;

            -- Deltas from per-project rows into the global aggregates. They stand aside during a full refresh, which
            -- rebuilds the aggregates in one pass instead (row by row it would update the same few rows thousands of
            -- times in one transaction, slower with every update).
            CREATE OR REPLACE FUNCTION dashboard_portfolio_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('dsprocess.bulk_refresh', true) = 'on' THEN
                    RETURN NULL;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE dashboard_portfolio SET projects = projects - 1, open_tasks = open_tasks - OLD.open_tasks,
                        overdue_tasks = overdue_tasks - OLD.overdue_tasks, awaiting_gates = awaiting_gates - OLD.awaiting_gates,
                        open_handoffs = open_handoffs - OLD.open_handoffs
                    WHERE status = OLD.status AND phase = coalesce(OLD.current_phase, 0) AND iteration = OLD.iteration AND health = OLD.health;
                    UPDATE dashboard_leads SET projects = projects - 1 WHERE lead_id = OLD.lead_id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO dashboard_portfolio AS c (status, phase, iteration, health, projects, open_tasks, overdue_tasks, awaiting_gates, open_handoffs)
                    VALUES (NEW.status, coalesce(NEW.current_phase, 0), NEW.iteration, NEW.health,
                        1, NEW.open_tasks, NEW.overdue_tasks, NEW.awaiting_gates, NEW.open_handoffs)
                    ON CONFLICT (status, phase, iteration, health) DO UPDATE SET projects = c.projects + 1,
                        open_tasks = c.open_tasks + EXCLUDED.open_tasks, overdue_tasks = c.overdue_tasks + EXCLUDED.overdue_tasks,
                        awaiting_gates = c.awaiting_gates + EXCLUDED.awaiting_gates, open_handoffs = c.open_handoffs + EXCLUDED.open_handoffs;
                    IF NEW.lead_id IS NOT NULL THEN
                        INSERT INTO dashboard_leads AS l (lead_id, name, projects) VALUES (NEW.lead_id, NEW.lead_name, 1)
                        ON CONFLICT (lead_id) DO UPDATE SET projects = l.projects + 1, name = EXCLUDED.name;
                    END IF;
                END IF;
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_roles_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('dsprocess.bulk_refresh', true) = 'on' THEN
                    RETURN NULL;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE dashboard_roles SET open_tasks = open_tasks - OLD.open_tasks, unassigned_tasks = unassigned_tasks - OLD.unassigned_tasks,
                        holders = holders - OLD.holders
                    WHERE role = OLD.role;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO dashboard_roles (role, open_tasks, unassigned_tasks, holders)
                    VALUES (NEW.role, NEW.open_tasks, NEW.unassigned_tasks, NEW.holders)
                    ON CONFLICT (role) DO UPDATE SET open_tasks = dashboard_roles.open_tasks + EXCLUDED.open_tasks,
                        unassigned_tasks = dashboard_roles.unassigned_tasks + EXCLUDED.unassigned_tasks,
                        holders = dashboard_roles.holders + EXCLUDED.holders;
                END IF;
                RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION dashboard_people_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF current_setting('dsprocess.bulk_refresh', true) = 'on' THEN
                    RETURN NULL;
                END IF;
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE dashboard_people SET open_tasks = open_tasks - OLD.open_tasks, overdue_tasks = overdue_tasks - OLD.overdue_tasks
                    WHERE person_id = OLD.person_id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO dashboard_people (person_id, name, open_tasks, overdue_tasks)
                    SELECT NEW.person_id, p.display_name, NEW.open_tasks, NEW.overdue_tasks FROM people p WHERE p.id = NEW.person_id
                    ON CONFLICT (person_id) DO UPDATE SET open_tasks = dashboard_people.open_tasks + EXCLUDED.open_tasks,
                        overdue_tasks = dashboard_people.overdue_tasks + EXCLUDED.overdue_tasks, name = EXCLUDED.name;
                END IF;
                RETURN NULL;
            END $$;

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
                           count(*) FILTER (WHERE ts.status IN (3, 4))::int AS finished,
                           count(*) FILTER (WHERE ts.status IN (0, 1, 2) AND ph.state <> 3)::int AS open_tasks,
                           count(*) FILTER (WHERE ts.status IN (0, 1, 2) AND ph.state <> 3 AND ts.due < current_date)::int AS overdue_tasks,
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
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND ts.status IN (0, 1, 2) AND ph.state <> 3)::int,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND ts.status IN (0, 1, 2) AND ph.state <> 3 AND ts.assignee_id IS NULL)::int,
                    (SELECT count(*) FROM project_members m WHERE m.project_id = p.id AND r.role = ANY (m.roles))::int
                FROM projects p CROSS JOIN (VALUES (1), (2), (3), (4)) AS r(role)
                WHERE p.id IN (SELECT unnest(ids)) AND p.status = 0;

                DELETE FROM dashboard_project_people WHERE project_id IN (SELECT unnest(ids));
                INSERT INTO dashboard_project_people (project_id, person_id, open_tasks, overdue_tasks)
                SELECT ts.project_id, ts.assignee_id, count(*)::int, count(*) FILTER (WHERE ts.due < current_date)::int
                FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id JOIN projects p ON p.id = ts.project_id
                WHERE ts.project_id IN (SELECT unnest(ids)) AND ts.assignee_id IS NOT NULL AND ts.status IN (0, 1, 2) AND ph.state <> 3 AND p.status = 0
                GROUP BY ts.project_id, ts.assignee_id;
            END $$;

            -- Recomputes every project (at start-up, and when the date changes: health and overdue depend on today), then
            -- rebuilds the aggregates from the per-project rows in one pass.
            CREATE OR REPLACE FUNCTION dashboard_refresh_all() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM set_config('dsprocess.bulk_refresh', 'on', true);
                PERFORM dashboard_refresh_projects(coalesce(array_agg(id), '{}')) FROM projects;
                PERFORM set_config('dsprocess.bulk_refresh', 'off', true);

                DELETE FROM dashboard_portfolio;
                INSERT INTO dashboard_portfolio (status, phase, iteration, health, projects, open_tasks, overdue_tasks, awaiting_gates, open_handoffs)
                SELECT status, coalesce(current_phase, 0), iteration, health,
                    count(*), sum(open_tasks), sum(overdue_tasks), sum(awaiting_gates), sum(open_handoffs)
                FROM dashboard_projects
                GROUP BY 1, 2, 3, 4;

                DELETE FROM dashboard_leads;
                INSERT INTO dashboard_leads (lead_id, name, projects)
                SELECT lead_id, max(lead_name), count(*) FROM dashboard_projects WHERE lead_id IS NOT NULL GROUP BY lead_id;

                DELETE FROM dashboard_roles;
                INSERT INTO dashboard_roles (role, open_tasks, unassigned_tasks, holders)
                SELECT role, sum(open_tasks), sum(unassigned_tasks), sum(holders) FROM dashboard_project_roles GROUP BY role;

                DELETE FROM dashboard_people;
                INSERT INTO dashboard_people (person_id, name, open_tasks, overdue_tasks)
                SELECT pp.person_id, pe.display_name, sum(pp.open_tasks), sum(pp.overdue_tasks)
                FROM dashboard_project_people pp JOIN people pe ON pe.id = pp.person_id
                GROUP BY pp.person_id, pe.display_name;
            END $$;
            """;
    }
}
