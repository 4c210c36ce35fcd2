using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Flow metrics for any set of projects (a team lead's dashboard), and the portfolio's flow from the same
            // definitions. The SQL is written here, not read from a file, so this migration never changes.
            migrationBuilder.Sql(FlowOfAnyProjects);
            migrationBuilder.Sql("SELECT dashboard_refresh_flow();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PortfolioFlowOnly);
        }

        private const string FlowOfAnyProjects = """
            -- Flow metrics over the given periods (days) for the given projects, or for every project when ids is NULL: the
            -- one definition behind the precomputed portfolio flow and a team lead's flow, computed on request for their own
            -- projects. Built as text and run with EXECUTE so each call is planned for its scope (the project indexes for a
            -- few projects, whole periods for the portfolio) rather than with one generic plan for both.
            CREATE FUNCTION dashboard_flow_of(periods integer[], ids uuid[])
            RETURNS TABLE (period_days integer, phase integer, metric varchar(40), median double precision, p85 double precision,
                rate double precision, samples integer)
            LANGUAGE plpgsql STABLE AS $fn$
            DECLARE
                scope text := CASE WHEN ids IS NULL THEN '' ELSE 'AND x.project_id = ANY ($2)' END;
            BEGIN
                RETURN QUERY EXECUTE format($sql$
                    -- Time in phase, in days, for runs that ended in the period.
                    SELECT d.days, coalesce(x.phase, 0), 'time_in_phase'::varchar(40),
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.ended_at - x.started_at) / 86400),
                        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM x.ended_at - x.started_at) / 86400),
                        NULL::double precision, count(*)::int
                    FROM unnest($1) AS d(days)
                    JOIN phase_runs x ON x.ended_at >= now() - make_interval(days => d.days) %1$s
                    GROUP BY d.days, ROLLUP (x.phase)
                    UNION ALL
                    -- Time a submitted gate waited for its decision, in hours, and the share of decisions that were rejections.
                    SELECT d.days, coalesce(x.phase, 0), 'gate_decision'::varchar(40),
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.decided_at - x.submitted_at) / 3600),
                        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM x.decided_at - x.submitted_at) / 3600),
                        count(*) FILTER (WHERE x.decision = 2)::double precision / count(*), count(*)::int
                    FROM unnest($1) AS d(days)
                    JOIN gate_reviews x ON x.decided_at >= now() - make_interval(days => d.days) %1$s
                    GROUP BY d.days, ROLLUP (x.phase)
                    UNION ALL
                    -- Time a handoff waited for its acknowledgement, in hours, by the phase receiving the work.
                    SELECT d.days, coalesce(x.to_phase, 0), 'handoff_wait'::varchar(40),
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM x.acknowledged_at - x.handed_over_at) / 3600),
                        percentile_cont(0.85) WITHIN GROUP (ORDER BY extract(epoch FROM x.acknowledged_at - x.handed_over_at) / 3600),
                        NULL::double precision, count(*)::int
                    FROM unnest($1) AS d(days)
                    JOIN handoffs x ON x.acknowledged_at >= now() - make_interval(days => d.days) %1$s
                    GROUP BY d.days, ROLLUP (x.to_phase)
                    $sql$, scope) USING periods, ids;
            END $fn$;

            -- Phases completed per week since a day, for the given projects or (NULL) every project.
            CREATE FUNCTION dashboard_throughput_of(since date, ids uuid[])
            RETURNS TABLE (week date, phase integer, completed integer)
            LANGUAGE plpgsql STABLE AS $fn$
            DECLARE
                scope text := CASE WHEN ids IS NULL THEN '' ELSE 'AND x.project_id = ANY ($2)' END;
            BEGIN
                RETURN QUERY EXECUTE format($sql$
                    SELECT date_trunc('week', x.ended_at)::date, x.phase, count(*)::int
                    FROM phase_runs x
                    WHERE x.ended_at >= $1 %1$s
                    GROUP BY 1, 2
                    $sql$, scope) USING since, ids;
            END $fn$;

            -- The portfolio's flow, precomputed from the same definitions.
            CREATE OR REPLACE FUNCTION dashboard_refresh_flow() RETURNS void LANGUAGE plpgsql AS $fn$
            BEGIN
                DELETE FROM dashboard_flow;
                INSERT INTO dashboard_flow (period_days, phase, metric, median, p85, rate, samples)
                SELECT * FROM dashboard_flow_of('{7,30,90,365}', NULL);

                DELETE FROM dashboard_throughput;
                INSERT INTO dashboard_throughput (week, phase, completed)
                SELECT * FROM dashboard_throughput_of((date_trunc('week', now()) - interval '51 weeks')::date, NULL);
            END $fn$;
            """;

        /// <summary>The portfolio's flow as the first read model computed it, without the functions.</summary>
        private const string PortfolioFlowOnly = """
            DROP FUNCTION dashboard_flow_of(integer[], uuid[]), dashboard_throughput_of(date, uuid[]);
            CREATE OR REPLACE FUNCTION dashboard_refresh_flow() RETURNS void LANGUAGE plpgsql AS $$
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
    }
}
