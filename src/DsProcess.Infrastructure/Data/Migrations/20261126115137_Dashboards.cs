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
            migrationBuilder.Sql(ReadModel);
            migrationBuilder.Sql("SELECT dashboard_refresh_all(); SELECT dashboard_refresh_flow();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropReadModel);
        }

        /// <summary>The first version of the read model, as it was when this migration was written (migrations never change).</summary>
        internal const string ReadModel = """
            -- Dashboard read model. Per-project rows are refreshed for the projects the change feed names; global
            -- aggregates (portfolio counts, role and person load) follow them through triggers that apply deltas, so the
            -- dashboard reads a handful of precomputed rows whatever the number of projects.
            -- Enum values: project status 0 Active; phase state 0 NotStarted, 1 Active, 2 AwaitingGate, 3 Completed;
            -- task status 0 NotStarted, 1 InProgress, 2 Blocked, 3 Done, 4 NotApplicable; role 4 TeamLead;
            -- health 0 OnTrack, 1 AtRisk, 2 Overdue, 3 Blocked, 4 AwaitingDecision, 5 NotActive.

            CREATE TABLE dashboard_projects (
                project_id uuid PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
                key varchar(10) NOT NULL,
                name varchar(120) NOT NULL,
                lead_id uuid,
                lead_name varchar(120),
                status integer NOT NULL,
                current_phase integer,
                iteration integer NOT NULL,
                target_date date NOT NULL,
                tasks integer NOT NULL,
                finished integer NOT NULL,
                open_tasks integer NOT NULL,
                overdue_tasks integer NOT NULL,
                blocked_tasks integer NOT NULL,
                awaiting_gates integer NOT NULL,
                open_handoffs integer NOT NULL,
                phase_planned_end date,
                health integer NOT NULL,
                refreshed_on date NOT NULL
            );
            CREATE INDEX ix_dashboard_projects_health_target ON dashboard_projects (health, target_date);
            CREATE INDEX ix_dashboard_projects_phase_target ON dashboard_projects (current_phase, target_date);
            CREATE INDEX ix_dashboard_projects_lead ON dashboard_projects (lead_id);

            -- Projects counted by every filterable dimension; lead and phase use zero values for "none".
            CREATE TABLE dashboard_portfolio (
                lead_id uuid NOT NULL,
                status integer NOT NULL,
                phase integer NOT NULL,
                iteration integer NOT NULL,
                health integer NOT NULL,
                projects integer NOT NULL,
                open_tasks integer NOT NULL,
                overdue_tasks integer NOT NULL,
                awaiting_gates integer NOT NULL,
                open_handoffs integer NOT NULL,
                PRIMARY KEY (lead_id, status, phase, iteration, health)
            );

            CREATE TABLE dashboard_project_roles (
                project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                role integer NOT NULL,
                open_tasks integer NOT NULL,
                unassigned_tasks integer NOT NULL,
                holders integer NOT NULL,
                PRIMARY KEY (project_id, role)
            );

            CREATE TABLE dashboard_roles (
                role integer PRIMARY KEY,
                open_tasks integer NOT NULL,
                unassigned_tasks integer NOT NULL,
                holders integer NOT NULL
            );

            CREATE TABLE dashboard_project_people (
                project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                person_id uuid NOT NULL,
                open_tasks integer NOT NULL,
                overdue_tasks integer NOT NULL,
                PRIMARY KEY (project_id, person_id)
            );

            CREATE TABLE dashboard_people (
                person_id uuid PRIMARY KEY,
                name varchar(120) NOT NULL,
                open_tasks integer NOT NULL,
                overdue_tasks integer NOT NULL
            );
            CREATE INDEX ix_dashboard_people_open ON dashboard_people (open_tasks DESC, name);
            CREATE INDEX ix_dashboard_people_overdue ON dashboard_people (overdue_tasks DESC, name);

            -- One row per run of a phase (a new iteration runs it again), kept by a trigger on project_phases.
            CREATE TABLE phase_runs (
                project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
                phase integer NOT NULL,
                iteration integer NOT NULL,
                started_at timestamptz NOT NULL,
                ended_at timestamptz,
                PRIMARY KEY (project_id, phase, iteration)
            );
            CREATE INDEX ix_phase_runs_ended_at ON phase_runs (ended_at) WHERE ended_at IS NOT NULL;

            -- Flow metrics for each period the dashboard offers (7, 30, 90, 365 days); phase 0 means all phases.
            CREATE TABLE dashboard_flow (
                period_days integer NOT NULL,
                phase integer NOT NULL,
                metric varchar(40) NOT NULL,
                median double precision,
                p85 double precision,
                rate double precision,
                samples integer NOT NULL,
                PRIMARY KEY (period_days, phase, metric)
            );

            CREATE TABLE dashboard_throughput (
                week date NOT NULL,
                phase integer NOT NULL,
                completed integer NOT NULL,
                PRIMARY KEY (week, phase)
            );

            -- Indexes for the waiting lists (oldest first) and the most overdue tasks.
            CREATE INDEX ix_gate_reviews_waiting ON gate_reviews (submitted_at) WHERE decision IS NULL;
            CREATE INDEX ix_handoffs_waiting ON handoffs (handed_over_at) WHERE acknowledged_at IS NULL;
            CREATE INDEX ix_project_tasks_open_due ON project_tasks (due) WHERE status IN (0, 1, 2);
            CREATE INDEX ix_gate_reviews_decided_phase ON gate_reviews (decided_at, phase) WHERE decided_at IS NOT NULL;
            CREATE INDEX ix_handoffs_acknowledged ON handoffs (acknowledged_at) WHERE acknowledged_at IS NOT NULL;

            CREATE FUNCTION dashboard_phase_runs() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.actual_start IS NOT NULL AND NEW.state > 0
                   AND (TG_OP = 'INSERT' OR OLD.state = 0 OR OLD.iteration <> NEW.iteration) THEN
                    INSERT INTO phase_runs (project_id, phase, iteration, started_at, ended_at)
                    VALUES (NEW.project_id, NEW.kind, NEW.iteration, NEW.actual_start, CASE WHEN NEW.state = 3 THEN NEW.actual_end END)
                    ON CONFLICT (project_id, phase, iteration) DO UPDATE SET started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at;
                ELSIF TG_OP = 'UPDATE' AND NEW.state = 3 AND OLD.state <> 3 THEN
                    UPDATE phase_runs SET ended_at = NEW.actual_end
                    WHERE project_id = NEW.project_id AND phase = NEW.kind AND iteration = NEW.iteration;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER project_phases_runs AFTER INSERT OR UPDATE ON project_phases
                FOR EACH ROW EXECUTE FUNCTION dashboard_phase_runs();

            -- Deltas from per-project rows into the global aggregates.
            CREATE FUNCTION dashboard_portfolio_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN
                    UPDATE dashboard_portfolio SET projects = projects - 1, open_tasks = open_tasks - OLD.open_tasks,
                        overdue_tasks = overdue_tasks - OLD.overdue_tasks, awaiting_gates = awaiting_gates - OLD.awaiting_gates,
                        open_handoffs = open_handoffs - OLD.open_handoffs
                    WHERE lead_id = coalesce(OLD.lead_id, '00000000-0000-0000-0000-000000000000') AND status = OLD.status
                      AND phase = coalesce(OLD.current_phase, 0) AND iteration = OLD.iteration AND health = OLD.health;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    INSERT INTO dashboard_portfolio AS c (lead_id, status, phase, iteration, health, projects, open_tasks, overdue_tasks, awaiting_gates, open_handoffs)
                    VALUES (coalesce(NEW.lead_id, '00000000-0000-0000-0000-000000000000'), NEW.status, coalesce(NEW.current_phase, 0), NEW.iteration, NEW.health,
                        1, NEW.open_tasks, NEW.overdue_tasks, NEW.awaiting_gates, NEW.open_handoffs)
                    ON CONFLICT (lead_id, status, phase, iteration, health) DO UPDATE SET projects = c.projects + 1,
                        open_tasks = c.open_tasks + EXCLUDED.open_tasks, overdue_tasks = c.overdue_tasks + EXCLUDED.overdue_tasks,
                        awaiting_gates = c.awaiting_gates + EXCLUDED.awaiting_gates, open_handoffs = c.open_handoffs + EXCLUDED.open_handoffs;
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER dashboard_projects_portfolio AFTER INSERT OR UPDATE OR DELETE ON dashboard_projects
                FOR EACH ROW EXECUTE FUNCTION dashboard_portfolio_delta();

            CREATE FUNCTION dashboard_roles_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
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
            CREATE TRIGGER dashboard_project_roles_delta AFTER INSERT OR UPDATE OR DELETE ON dashboard_project_roles
                FOR EACH ROW EXECUTE FUNCTION dashboard_roles_delta();

            CREATE FUNCTION dashboard_people_delta() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
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
            CREATE TRIGGER dashboard_project_people_delta AFTER INSERT OR UPDATE OR DELETE ON dashboard_project_people
                FOR EACH ROW EXECUTE FUNCTION dashboard_people_delta();

            -- Recomputes the per-project rows of the given projects (and so, through the triggers, the aggregates).
            CREATE FUNCTION dashboard_refresh_projects(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                -- Serialise refreshes of the same projects from several app instances.
                PERFORM 1 FROM projects WHERE id = ANY(ids) ORDER BY id FOR UPDATE;

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
                WHERE p.id = ANY(ids)
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

                DELETE FROM dashboard_project_roles WHERE project_id = ANY(ids);
                INSERT INTO dashboard_project_roles (project_id, role, open_tasks, unassigned_tasks, holders)
                SELECT p.id, r.role,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND ts.status IN (0, 1, 2) AND ph.state <> 3)::int,
                    (SELECT count(*) FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id
                     WHERE ts.project_id = p.id AND ts.responsible_role = r.role AND ts.status IN (0, 1, 2) AND ph.state <> 3 AND ts.assignee_id IS NULL)::int,
                    (SELECT count(*) FROM project_members m WHERE m.project_id = p.id AND r.role = ANY (m.roles))::int
                FROM projects p CROSS JOIN (VALUES (1), (2), (3), (4)) AS r(role)
                WHERE p.id = ANY(ids) AND p.status = 0;

                DELETE FROM dashboard_project_people WHERE project_id = ANY(ids);
                INSERT INTO dashboard_project_people (project_id, person_id, open_tasks, overdue_tasks)
                SELECT ts.project_id, ts.assignee_id, count(*)::int, count(*) FILTER (WHERE ts.due < current_date)::int
                FROM project_tasks ts JOIN project_phases ph ON ph.id = ts.phase_id JOIN projects p ON p.id = ts.project_id
                WHERE ts.project_id = ANY(ids) AND ts.assignee_id IS NOT NULL AND ts.status IN (0, 1, 2) AND ph.state <> 3 AND p.status = 0
                GROUP BY ts.project_id, ts.assignee_id;
            END $$;

            -- Recomputes every project (at start-up, and when the date changes: health and overdue depend on today).
            CREATE FUNCTION dashboard_refresh_all() RETURNS void LANGUAGE sql AS $$
                SELECT dashboard_refresh_projects(array_agg(id)) FROM projects;
            $$;

            -- Recomputes the flow metrics of every period the dashboard offers, and weekly throughput.
            CREATE FUNCTION dashboard_refresh_flow() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM dashboard_flow;
                INSERT INTO dashboard_flow (period_days, phase, metric, median, p85, rate, samples)
                -- Time in phase, in days, for runs that ended in the period.
                SELECT d.days, coalesce(r.phase, 0), 'time_in_phase',
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.ended_at - r.started_at) / 86400),
                    percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM r.ended_at - r.started_at) / 86400),
                    NULL, count(*)::int
                FROM (VALUES (7), (30), (90), (365)) AS d(days)
                JOIN phase_runs r ON r.ended_at >= now() - make_interval(days => d.days)
                GROUP BY d.days, ROLLUP (r.phase)
                UNION ALL
                -- Time a submitted gate waited for its decision, in hours, and the share of decisions that were rejections.
                SELECT d.days, coalesce(g.phase, 0), 'gate_decision',
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM g.decided_at - g.submitted_at) / 3600),
                    percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM g.decided_at - g.submitted_at) / 3600),
                    count(*) FILTER (WHERE g.decision = 2)::double precision / count(*), count(*)::int
                FROM (VALUES (7), (30), (90), (365)) AS d(days)
                JOIN gate_reviews g ON g.decided_at >= now() - make_interval(days => d.days)
                GROUP BY d.days, ROLLUP (g.phase)
                UNION ALL
                -- Time a handoff waited for its acknowledgement, in hours, by the phase receiving the work.
                SELECT d.days, coalesce(h.to_phase, 0), 'handoff_wait',
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.acknowledged_at - h.handed_over_at) / 3600),
                    percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM h.acknowledged_at - h.handed_over_at) / 3600),
                    NULL, count(*)::int
                FROM (VALUES (7), (30), (90), (365)) AS d(days)
                JOIN handoffs h ON h.acknowledged_at >= now() - make_interval(days => d.days)
                GROUP BY d.days, ROLLUP (h.to_phase);

                DELETE FROM dashboard_throughput;
                INSERT INTO dashboard_throughput (week, phase, completed)
                SELECT date_trunc('week', r.ended_at)::date, r.phase, count(*)::int
                FROM phase_runs r
                WHERE r.ended_at >= date_trunc('week', now()) - interval '51 weeks'
                GROUP BY 1, 2;
            END $$;
            """;

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
