using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DsProcess.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Search : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The words of each searchable thing, kept by PostgreSQL itself (stored generated columns): no code path that
            // writes a row can forget them, and EF Core neither reads nor writes them. Names and titles weigh more (A)
            // than descriptions and notes (B). Each has a GIN index for the @@ match.
            foreach (var (table, words) in Words)
            {
                migrationBuilder.Sql($"ALTER TABLE {table} ADD COLUMN search tsvector GENERATED ALWAYS AS ({words}) STORED;");
                migrationBuilder.Sql($"CREATE INDEX ix_{table}_search ON {table} USING gin (search);");
            }

            migrationBuilder.Sql(SearchEverything);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION search_everything(text, uuid, boolean, boolean, integer);");
            foreach (var (table, _) in Words)
            {
                migrationBuilder.Sql($"ALTER TABLE {table} DROP COLUMN search;");
            }
        }

        private static readonly (string Table, string Words)[] Words =
        [
            ("projects", "setweight(to_tsvector('english', key || ' ' || name), 'A') || setweight(to_tsvector('english', objective), 'B')"),
            ("project_tasks", "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')"),
            ("people", "setweight(to_tsvector('english', display_name), 'A')"),
            ("gate_reviews", "setweight(to_tsvector('english', coalesce(decision_reason, '') || ' ' || coalesce(note, '')), 'B') "
                + "|| setweight(to_tsvector('english', submitted_by_name || ' ' || coalesce(decided_by_name, '')), 'C')"),
            ("datasets", "setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')"),
            ("dataset_versions", "setweight(to_tsvector('english', label), 'A') || setweight(to_tsvector('english', location || ' ' || format), 'C')"),
            ("model_versions", "setweight(to_tsvector('english', name || ' ' || label), 'A') "
                + "|| setweight(to_tsvector('english', approach), 'B') || setweight(to_tsvector('english', artefact_uri), 'C')"),
        ];

        private const string SearchEverything = """
            -- What the search box finds: up to per_kind of each kind whose words match terms (to_tsquery syntax, English),
            -- best ranked first, in the projects reader may read (every project when reads_all; else those whose team has them
            -- in a role). People: the reader's teammates, or everyone active when finds_all_people (admins, viewers and team
            -- leads, who choose team members from everyone); their e-mail only then. A common word matches thousands of
            -- tasks at 10,000 projects: each kind ranks at most 500 of its matches, so a search never ranks the whole table.
            -- Whoever reads every project is served by the GIN indexes; anyone else project by project (LATERAL, by each
            -- table's project index): their few projects' rows are fewer than a common word's matches everywhere.
            -- One SQL statement (inlined into the caller's query, so it is planned with the caller's values).
            CREATE FUNCTION search_everything(terms text, reader uuid, reads_all boolean, finds_all_people boolean, per_kind integer)
            RETURNS TABLE (kind integer, id uuid, project_key text, project_name text, title text, detail text, phase integer, rank real)
            LANGUAGE sql STABLE AS $fn$
                WITH q AS (SELECT to_tsquery('english', terms) AS query),
                readable AS (
                    SELECT m.project_id FROM project_members m WHERE NOT reads_all AND m.person_id = reader AND cardinality(m.roles) > 0
                ),
                found_projects AS (
                    SELECT p.id, p.key, p.name, p.objective, ts_rank(p.search, q.query) AS rank
                    FROM projects p, q
                    WHERE p.search @@ q.query AND (reads_all OR p.id IN (SELECT project_id FROM readable))
                    LIMIT 500
                ),
                -- Tasks are the largest table, and a word every project has ("model", "data") matches most of it: the GIN
                -- index would list every match before any limit applies (about 35 ms at 210,000 tasks). So a reader of every
                -- project first looks through the 2,000 newest tasks. When at least 50 of those match, the word is common
                -- and they are what is ranked; otherwise the index searches all tasks (a rarer word, so few matches).
                recent_tasks AS (
                    SELECT t.id, t.project_id, t.title, t.description, ts_rank(t.search, q.query) AS rank
                    FROM (SELECT * FROM project_tasks WHERE reads_all ORDER BY id DESC LIMIT 2000) t, q
                    WHERE t.search @@ q.query
                    LIMIT 500
                ),
                found_tasks AS (
                    (SELECT * FROM recent_tasks)
                    UNION ALL
                    (SELECT t.id, t.project_id, t.title, t.description, ts_rank(t.search, q.query) AS rank
                     FROM project_tasks t, q
                     WHERE reads_all AND t.search @@ q.query
                        AND (SELECT count(*) FROM recent_tasks) < 50
                        AND t.id NOT IN (SELECT id FROM recent_tasks)
                     LIMIT 500)
                    UNION ALL
                    (SELECT f.* FROM readable r CROSS JOIN LATERAL (
                        SELECT t.id, t.project_id, t.title, t.description, ts_rank(t.search, q.query) AS rank
                        FROM project_tasks t, q
                        WHERE t.project_id = r.project_id AND t.search @@ q.query
                        LIMIT 500) f
                     LIMIT 500)
                ),
                found_people AS (
                    SELECT pe.id, pe.display_name, pe.email, ts_rank(pe.search, q.query) AS rank
                    FROM people pe, q
                    WHERE pe.search @@ q.query AND pe.is_active
                        AND (finds_all_people OR EXISTS (
                            SELECT 1 FROM project_members them
                            WHERE them.person_id = pe.id AND them.project_id IN (SELECT project_id FROM readable)))
                    LIMIT 500
                ),
                found_gates AS (
                    (SELECT g.id, g.project_id, g.phase, g.decision, g.decided_by_name, g.decision_reason, ts_rank(g.search, q.query) AS rank
                     FROM gate_reviews g, q
                     WHERE reads_all AND g.search @@ q.query AND g.decision IS NOT NULL
                     LIMIT 500)
                    UNION ALL
                    (SELECT f.* FROM readable r CROSS JOIN LATERAL (
                        SELECT g.id, g.project_id, g.phase, g.decision, g.decided_by_name, g.decision_reason, ts_rank(g.search, q.query) AS rank
                        FROM gate_reviews g, q
                        WHERE g.project_id = r.project_id AND g.search @@ q.query AND g.decision IS NOT NULL
                        LIMIT 500) f
                     LIMIT 500)
                ),
                found_datasets AS (
                    SELECT v.id, v.project_id, d.name, v.label, v.location,
                        greatest(ts_rank(v.search, q.query), ts_rank(d.search, q.query)) AS rank
                    FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id, q
                    WHERE (v.search @@ q.query OR d.search @@ q.query)
                        AND (reads_all OR v.project_id IN (SELECT project_id FROM readable))
                    LIMIT 500
                ),
                found_models AS (
                    (SELECT mv.id, mv.project_id, mv.name, mv.label, mv.approach, ts_rank(mv.search, q.query) AS rank
                     FROM model_versions mv, q
                     WHERE reads_all AND mv.search @@ q.query
                     LIMIT 500)
                    UNION ALL
                    (SELECT f.* FROM readable r CROSS JOIN LATERAL (
                        SELECT mv.id, mv.project_id, mv.name, mv.label, mv.approach, ts_rank(mv.search, q.query) AS rank
                        FROM model_versions mv, q
                        WHERE mv.project_id = r.project_id AND mv.search @@ q.query
                        LIMIT 500) f
                     LIMIT 500)
                )
                (SELECT 0, f.id, f.key::text, f.name::text, f.name::text, left(f.objective, 200), NULL::integer, f.rank
                 FROM found_projects f ORDER BY f.rank DESC, f.key LIMIT per_kind)
                UNION ALL
                (SELECT 1, f.id, p.key::text, p.name::text, f.title::text, left(f.description, 200), NULL::integer, f.rank
                 FROM found_tasks f JOIN projects p ON p.id = f.project_id ORDER BY f.rank DESC, p.key, f.title LIMIT per_kind)
                UNION ALL
                (SELECT 2, f.id,
                     (SELECT p.key FROM project_members them JOIN projects p ON p.id = them.project_id
                      WHERE them.person_id = f.id AND (reads_all OR them.project_id IN (SELECT project_id FROM readable))
                      ORDER BY p.key LIMIT 1)::text,
                     NULL, f.display_name::text, CASE WHEN finds_all_people THEN f.email::text END, NULL::integer, f.rank
                 FROM found_people f ORDER BY f.rank DESC, f.display_name LIMIT per_kind)
                UNION ALL
                (SELECT 3, f.id, p.key::text, p.name::text,
                     CASE f.decision WHEN 1 THEN 'Approved' ELSE 'Sent back' END || ' by ' || coalesce(f.decided_by_name, ''),
                     left(f.decision_reason, 200), f.phase, f.rank
                 FROM found_gates f JOIN projects p ON p.id = f.project_id ORDER BY f.rank DESC, p.key LIMIT per_kind)
                UNION ALL
                (SELECT 4, f.id, p.key::text, p.name::text, f.name || ' ' || f.label, left(f.location, 200), NULL::integer, f.rank
                 FROM found_datasets f JOIN projects p ON p.id = f.project_id ORDER BY f.rank DESC, p.key, f.name, f.label LIMIT per_kind)
                UNION ALL
                (SELECT 5, f.id, p.key::text, p.name::text, f.name || ' ' || f.label, left(f.approach, 200), NULL::integer, f.rank
                 FROM found_models f JOIN projects p ON p.id = f.project_id ORDER BY f.rank DESC, p.key, f.name, f.label LIMIT per_kind)
            $fn$;
            """;
    }
}
